import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree, updateJson } from '@nx/devkit';
import { Project, SourceFile, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import { aclCapture, aclNames } from '../../utils/acl-names';
import { aggregateState } from '../../utils/aggregate-state';
import { CapturedColumn, capturedTable, CapturedTable } from '../../utils/captured-table';
import { contextNames, ContextNames, GeneratorInputError } from '../../utils/context-names';
import { aggregatesOf, existingContext } from '../../utils/context-sources';
import { Field } from '../../utils/fields';
import { appendToArrayVariable, editTypeScript, importNamed, notLaidOut } from '../../utils/ts-source';
import { renderFromManifests } from '../../utils/platform';
import { ManifestSummary, readManifests } from '../../utils/workspace';
import { addAggregateMethod } from '../command/command-domain';
import { registerMigration } from '../consumer/module-wiring';
import { addEvent } from '../event/event';
import {
  aclType,
  commandType,
  explicitMapping,
  FIELD_TS,
  Mapped,
  minorUnits,
  translation,
  translationImports,
} from './column-mapping';
import { LegacyTableSchema } from './schema';

const TABLE_NAME = /^[A-Z][A-Z0-9_]*$/;
const DLQ = { partitions: 1, retentionMs: 2592000000 };

/**
 * A captured legacy table synced into an existing context (ADR 0031): the row as Debezium sends it, its
 * translator and spec in the anti-corruption layer, the manifest's legacy table (and the capture's table list
 * when the connector does not capture it yet). A root table brings its aggregate's grouped sync (one group per
 * aggregate, several per context): `LegacySyncModule.forTables` in the infrastructure module, the command a legacy
 * transaction becomes and its handler with a spec, the aggregate's `syncFromLegacy` and its event, the group's own
 * key map and transaction buffer. `--parent` adds a child table to the group whose root it names.
 */
export async function legacyTableGenerator(tree: Tree, options: LegacyTableSchema): Promise<GeneratorCallback> {
  for (const name of [options.table, options.parent].filter((t): t is string => t !== undefined))
    if (!TABLE_NAME.test(name)) throw new GeneratorInputError(`"${name}" is not a legacy table name (COMMANDES)`);
  const n =
    options.parent && !options.aggregate
      ? groupOfRoot(tree, options.context, options.parent)
      : existingContext(tree, options.context, options.aggregate);
  const manifests = readManifests(tree);
  const context = manifests.find((m) => m.kind === 'context' && m.name === n.context) as ManifestSummary;
  const legacy = manifests.find((m) => m.kind === 'legacy');
  if (!legacy?.databaseSchema) throw new GeneratorInputError('no legacy manifest with a databaseSchema');
  const synced = ((readJson(tree, context.path).legacyTables ?? []) as { table: string }[]).map((t) => t.table);
  if (synced.includes(options.table))
    throw new GeneratorInputError(`${options.table} is synced into ${n.context} already (${context.path})`);
  const table = capturedTable(tree, legacy.databaseSchema, options.table);
  const syncFile = syncFileOf(n);
  const groupExists = tree.exists(syncFile);

  const currency = options.currency ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(currency))
    throw new GeneratorInputError(`--currency ${currency} is not an ISO 4217 code (EUR)`);
  if (options.columns && options.parent && !options.entity)
    throw new GeneratorInputError('--columns maps into the aggregate, or with --parent into the --entity given');
  const mapping = { columns: options.columns, currency };
  const common = { ...n, table, acl: aclNames(n, table), tmpl: '', ...keyOf(table) };
  if (options.parent) {
    if (!groupExists || !synced.includes(options.parent))
      throw new GeneratorInputError(
        `${options.parent} is not synced into ${n.context} as the root of its ${n.Aggregate} group: run nx g @bascule/plugin:legacy-table ${options.parent} --context ${n.context} [--aggregate <Aggregate>] first`,
      );
    const parentKey = parentKeyColumn(table, capturedTable(tree, legacy.databaseSchema, options.parent));
    const columns = table.columns.filter((column) => column !== parentKey);
    const entity = options.entity ? childEntity(tree, n, options.entity) : null;
    const mapped = entity
      ? mapColumns({ ...table, columns }, entity.fields, `${entity.Entity} of ${n.Aggregate}`, mapping)
      : columns.map((c) => ({
          field: c.field,
          column: c.name,
          tsType: c.tsType,
          nullable: c.nullable,
          whenNull: null,
          currency,
        }));
    const unmapped = columns.filter((c) => !mapped.some((m) => m.column === c.name)).map((c) => c.name);
    generateAcl(tree, { ...common, parent: options.parent, mapped, unmapped });
    addChild(tree, n, syncFile, table, options.parent, parentKey, mapped);
    if (entity) mapIntoCollection(tree, n, table, entity);
  } else {
    if (groupExists)
      throw new GeneratorInputError(
        `${n.context} syncs a group of legacy tables into ${n.aggregates} already (${syncFile}): add ${options.table} with --parent, or into another aggregate with --aggregate`,
      );
    const fields = aggregateState(tree, n);
    const { mapped, unmapped, stateEntries, constantMoney } = rootMapping(table, fields, n, mapping);
    generateAcl(tree, { ...common, parent: null, mapped, unmapped });
    const held = fields.filter((f) => mapped.some((m) => m.field === f.name));
    const syncMethod = held.length > 0 && addSyncMethod(tree, n, held);
    generateGroup(tree, n, {
      ...common,
      mapped,
      stateEntries,
      constantMoney,
      syncMethod,
      service: context.service,
      rootSamples: rootSamplesOf(mapped),
      money: mapped.filter((m) => m.tsType === 'money'),
      commandType,
    });
  }

  updateJson(tree, context.path, (manifest) => ({
    ...manifest,
    legacyTables: [...(manifest.legacyTables ?? []), { table: options.table, dlq: DLQ }],
  }));
  // Not captured yet: the publication, the connector's table list and the topic follow the legacy manifest.
  if (!legacy.capture?.tables.includes(options.table))
    updateJson(tree, legacy.path, (manifest) => ({
      ...manifest,
      capture: { ...manifest.capture, tables: [...manifest.capture.tables, options.table] },
    }));
  await formatFiles(tree);
  // After formatting, as the bounded-context generator does: the renders follow the manifests (a context's own
  // dead-letter topic of the table among them), which are checked together first.
  renderFromManifests(tree);
  return () => undefined;
}

const readJson = (tree: Tree, path: string) => JSON.parse(tree.read(path, 'utf-8') ?? '{}');

/** The key's reader in the ACL (`integerKey`, `textKey`, `compositeKey({...})`) and its type. */
function keyOf(table: CapturedTable) {
  const kind = (c: CapturedColumn) => (c.tsType === 'number' ? 'integer' : 'text');
  if (table.key.length > 1) {
    const parts = table.key.map((c) => `${c.name}: '${kind(c)}'`).join(', ');
    return {
      keyImports: 'compositeKey, debeziumTable',
      keyType: 'string',
      keyExpression: `compositeKey({ ${parts} })`,
    };
  }
  const [key] = table.key;
  const reader = key.tsType === 'number' ? 'integerKey' : 'textKey';
  return {
    keyImports: `debeziumTable, ${reader}`,
    keyType: key.tsType === 'number' ? 'number' : 'string',
    keyExpression: `${reader}('${key.name}')`,
  };
}

/**
 * A value per column for the specs (a decimal for a money field's column), the key they make (a composite key's
 * canonical text), and what each field is translated to from them.
 */
function samplesOf(table: CapturedTable, mapped: Mapped[]) {
  const money = (name: string) => mapped.some((m) => m.column === name && m.tsType === 'money');
  const codes = (name: string) => {
    const read = mapped.find((m) => m.column === name)?.read;
    return read?.kind === 'codes' ? read.codes : undefined;
  };
  const samples = Object.fromEntries(
    table.columns.map((c, i) => [
      c.name,
      codes(c.name)
        ? `'${Object.keys(codes(c.name) ?? {})[0]}'`
        : money(c.name)
          ? `'${40 + i}.25'`
          : c.legacyDate
            ? `'${String(10 + i).padStart(2, '0')}/12/2025'`
            : c.tsType === 'number'
              ? String(40 + i)
              : c.tsType === 'boolean'
                ? 'true'
                : `'${c.name}-${i}'`,
    ]),
  );
  const expectedKey =
    table.key.length > 1
      ? `'${JSON.stringify(Object.fromEntries(table.key.map((c) => [c.name, JSON.parse(samples[c.name].replace(/'/g, '"'))])))}'`
      : samples[table.key[0].name];
  const amount = (m: Mapped, decimal: string) => `{ amount: ${minorUnits(decimal)}, currency: '${m.currency}' }`;
  const expected = (m: Mapped) => {
    if (!m.column) return 'null';
    const sample = samples[m.column];
    if (m.read?.kind === 'times')
      return `{ amount: ${minorUnits(sample.slice(1, -1)) * Number(samples[m.read.units])}, currency: '${m.currency}' }`;
    if (m.tsType === 'money') return amount(m, sample.slice(1, -1));
    if (m.read?.kind === 'key-of') return `aggregateIdOfLegacy('${m.read.table}', ${sample})`;
    if (m.read?.kind === 'digits') return `'${sample}'`;
    if (m.read?.kind === 'legacy-date') return `'${sample.slice(7, 11)}-${sample.slice(4, 6)}-${sample.slice(1, 3)}'`;
    if (m.read?.kind === 'codes') return `'${m.read.codes[sample.slice(1, -1)]}'`;
    return sample;
  };
  // The columns whose NULL makes the row corrupt.
  const corruptWhenNull = mapped.filter((m) => m.required).map((m) => m.column as string);
  // A row whose columns with a meaning for NULL are NULL, and the fields it becomes.
  const defaulted = mapped.filter((m) => m.whenNull !== null);
  const nullRow = defaulted.map((m) => `${m.column}: null`).join(', ');
  const whenNull = defaulted
    .map(
      (m) =>
        `${m.field}: ${m.read?.kind === 'codes' ? `'${m.read.codes[m.whenNull ?? '']}'` : m.tsType === 'money' ? amount(m, m.whenNull ?? '0') : m.whenNull}`,
    )
    .join(', ');
  return { samples, expectedKey, expected, nullRow, whenNull, corruptWhenNull };
}

/** `--columns` and `--currency`: the mapping given, the rest found by the rules of `mapColumns`. */
interface MappingOptions {
  columns?: string;
  currency: string;
}

/**
 * Which column each field is translated from: the one `--columns` gives it, else the column named like it
 * (`montantTotal` ← `MONTANT_TOTAL`), else, for a required field, the first unused column that arrives with its
 * type and is never null. A required field without one is refused (map it with --columns, or make it optional);
 * an optional one is null.
 */
function mapColumns(table: CapturedTable, fields: Field[], holder: string, options: MappingOptions): Mapped[] {
  const mapped = options.columns ? explicitMapping(table, fields, options.columns, holder, options.currency) : [];
  const used = new Set(mapped.map((m) => m.column).filter((c): c is string => c !== null));
  const fits = (f: Field, c: CapturedColumn) => FIELD_TS[f.type] === c.tsType && (f.optional || !c.nullable);
  for (const pass of ['by-name', 'by-type'] as const)
    for (const f of fields) {
      if (mapped.some((m) => m.field === f.name) || (pass === 'by-type' && f.optional)) continue;
      const column = table.columns.find(
        (c) => !used.has(c.name) && fits(f, c) && (pass === 'by-type' || c.field === f.name),
      );
      if (!column) continue;
      used.add(column.name);
      mapped.push({ ...unfilled(f), column: column.name, tsType: column.tsType, nullable: f.optional });
    }
  const missing = fields.find((f) => !f.optional && !mapped.some((m) => m.field === f.name));
  if (missing)
    throw new GeneratorInputError(
      `${holder}.${missing.name} (${missing.type}) has no column of ${table.table} to come from: map it with --columns ${missing.name}=<COLUMN>, make it optional, or sync ${table.table} by hand`,
    );
  return fields.map((f) => mapped.find((m) => m.field === f.name) ?? unfilled(f));
}

const unfilled = (f: Field): Mapped => ({
  field: f.name,
  column: null,
  tsType: 'string',
  nullable: true,
  whenNull: null,
  currency: '',
});

/** The root's mapping, and the state a <Aggregate> is created with from it (optional fields without a column null). */
function rootMapping(table: CapturedTable, fields: Field[], n: ContextNames, options: MappingOptions) {
  const all = mapColumns(table, fields, n.Aggregate, options);
  const mapped = all.filter((m) => m.column !== null);
  const constants = new Map(all.filter((m) => m.constant).map((m) => [m.field, m.constant as string]));
  const stateEntries = fields
    .map((f) =>
      mapped.some((m) => m.field === f.name)
        ? `${f.name}: group.root.fields.${f.name}`
        : `${f.name}: ${constants.get(f.name) ?? 'null'}`,
    )
    .join(', ');
  const unmapped = table.columns.filter((c) => !mapped.some((m) => m.column === c.name)).map((c) => c.name);
  return { mapped, unmapped, stateEntries, constantMoney: [...constants.values()].some((c) => c.startsWith('Money.')) };
}

/**
 * A child collection of the aggregate (the entity generator's): its `add<Entity>({ <entity>Id, ...fields })`,
 * `remove<Entity>({ <entity>Id })` and `<entities>` getter, and the fields `add<Entity>` takes.
 */
function childEntity(tree: Tree, n: ContextNames, entity: string) {
  const e = contextNames(n.context, entity);
  const path = `libs/${n.context}/domain/src/${n.aggregate}.ts`;
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile(path, tree.read(path, 'utf-8') ?? '');
  const root = file.getClass(n.Aggregate);
  const add = root?.getMethod(`add${e.Aggregate}`);
  const members = add?.getParameters()[0]?.getTypeNode()?.asKind(SyntaxKind.TypeLiteral)?.getProperties() ?? [];
  if (!root?.getMethod(`remove${e.Aggregate}`) || !root.getGetAccessor(e.aggregatesProperty) || members.length === 0)
    throw new GeneratorInputError(
      `${n.Aggregate} has no ${e.aggregatesProperty} collection of ${e.Aggregate} (add${e.Aggregate}, remove${e.Aggregate}): run nx g @bascule/plugin:entity ${e.Aggregate} --context ${n.context} first`,
    );
  const [id, ...rest] = members.map((m) => {
    const types = (m.getTypeNode()?.getText() ?? 'unknown').split('|').map((t) => t.trim());
    const type = types.find((t) => t !== 'null') ?? 'unknown';
    const kind: Field['type'] | null =
      type === 'string' ? 'string' : type === 'number' ? 'int' : type === 'boolean' ? 'boolean' : null;
    return {
      name: m.getName(),
      Name: '',
      column: '',
      type: kind ?? 'money',
      optional: types.includes('null'),
      values: [],
    };
  });
  return { Entity: e.Aggregate, entities: e.aggregatesProperty, idField: id.name, fields: rest as Field[] };
}

/** The child's column holding its parent's key: the one referencing the parent, else the one named like its key. */
function parentKeyColumn(child: CapturedTable, parent: CapturedTable): CapturedColumn {
  if (parent.key.length > 1)
    throw new GeneratorInputError(`${parent.table} has a composite key: a child of it is synced by hand`);
  const column =
    child.columns.find((c) => c.references === parent.table) ??
    child.columns.find((c) => c.name === parent.key[0].name);
  if (!column) throw new GeneratorInputError(`${child.table} has no column referencing ${parent.table}`);
  return column;
}

/**
 * The group whose root is `parent`, among the context's aggregates: its sync module lists `<CONTEXT>_LEGACY_<parent>` first
 * (one group per aggregate; read through the syntax tree).
 */
function groupOfRoot(tree: Tree, context: string, parent: string): ContextNames {
  existingContext(tree, context, aggregatesOf(tree, context)[0]);
  for (const aggregate of aggregatesOf(tree, context)) {
    const n = contextNames(context, aggregate);
    const path = syncFileOf(n);
    if (!tree.exists(path)) continue;
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile(path, tree.read(path, 'utf-8') ?? '');
    if (forTablesList(file)?.getElements()[0]?.getText() === aclCapture(n, parent)) return n;
  }
  return existingContext(tree, context);
}

const syncFileOf = (n: ContextNames) => `libs/${n.context}/infrastructure/src/legacy/legacy-${n.aggregates}.sync.ts`;

/** The `tables: [...]` of `LegacySyncModule.forTables({...})` in a group's sync module. */
const forTablesList = (file: SourceFile) =>
  file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((c) => c.getExpression().getText() === 'LegacySyncModule.forTables')
    ?.getArguments()[0]
    ?.asKind(SyntaxKind.ObjectLiteralExpression)
    ?.getProperty('tables')
    ?.asKind(SyntaxKind.PropertyAssignment)
    ?.getInitializer()
    ?.asKind(SyntaxKind.ArrayLiteralExpression);

/**
 * The aggregate's `syncFromLegacy(change)`: the fields its root table holds set as a command sets them (a no-op
 * when nothing changed), recording `<Aggregate>SyncedFromLegacy` (the event generator's pieces: domain event,
 * v1 contract, outbox mapping). A change of the root row is then applied, not refused.
 */
function addSyncMethod(tree: Tree, n: ContextNames, fields: Field[]): string {
  const { event } = addEvent(
    tree,
    { name: `${n.Aggregate}SyncedFromLegacy`, context: n.context, aggregate: n.Aggregate },
    fields,
  );
  addAggregateMethod(tree, n, 'syncFromLegacy', 'sync-from-legacy', event, fields, {
    from: [],
    sets: fields,
    adds: [],
    eventFields: fields,
  });
  return event;
}

/** Two values of each field the root row fills (created with the first, changed to the second), for the handler's spec. */
function rootSamplesOf(mapped: Mapped[]) {
  const sample = (m: Mapped, i: number) =>
    m.read?.kind === 'codes'
      ? `'${Object.values(m.read.codes)[i % Object.values(m.read.codes).length]}'`
      : m.tsType === 'money'
        ? `Money.of(${7 + i}, '${m.currency}')`
        : m.tsType === 'number'
          ? String(7 + i)
          : m.tsType === 'boolean'
            ? String(i === 0)
            : `'${m.field}-${i + 1}'`;
  return {
    first: mapped.map((m) => `${m.field}: ${sample(m, 0)}`).join(', '),
    second: mapped.map((m) => `${m.field}: ${sample(m, 1)}`).join(', '),
  };
}

function generateAcl(tree: Tree, substitutions: Record<string, unknown> & { table: CapturedTable; mapped: Mapped[] }) {
  const { table, mapped } = substitutions;
  generateFiles(tree, join(__dirname, 'files-acl'), '.', {
    ...substitutions,
    ...samplesOf(table, mapped),
    tableFile: table.tableFile,
    aclType,
    translation,
    moneyImports: translationImports(mapped),
    keyOfImport: mapped.some((m) => m.read?.kind === 'key-of')
      ? "import { aggregateIdOfLegacy } from '../clients/legacy-client-key';\n"
      : '',
  });
  const index = 'libs/anti-corruption/src/index.ts';
  const line = `export * from '${(substitutions.acl as ReturnType<typeof aclNames>).module}';\n`;
  const current = tree.read(index, 'utf-8') ?? '';
  if (!current.includes(line)) tree.write(index, `${current}${line}`);
}

/** The group's command, handler, sync module and migration, each registered where the context lists them. */
function generateGroup(tree: Tree, n: ContextNames, substitutions: Record<string, unknown>): void {
  const timestamp = String(Date.now());
  const Migration = `Legacy${n.Aggregates}Tables${timestamp}`;
  const prefix = `legacy_${n.aggregate.replace(/-/g, '_')}`;
  // Each group (one per aggregate) its own key map and buffer: a context may sync several root tables.
  const tables = {
    keyMapTable: `${prefix}_keys`,
    changesTable: `${prefix}_tx_changes`,
    endsTable: `${prefix}_tx_ends`,
  };
  generateFiles(tree, join(__dirname, 'files-group'), '.', { ...substitutions, timestamp, Migration, ...tables });
  const application = `libs/${n.context}/application/src`;
  const command = `./commands/sync-${n.aggregate}-from-legacy-tables/sync-${n.aggregate}-from-legacy-tables`;
  tree.write(
    `${application}/index.ts`,
    `${tree.read(`${application}/index.ts`, 'utf-8') ?? ''}export * from '${command}.command';\n`,
  );
  editTypeScript(tree, `${application}/${n.context}-application.ts`, (file) => {
    importNamed(file, `${command}.handler`, [`Sync${n.Aggregate}FromLegacyTablesHandler`]);
    appendToArrayVariable(
      file,
      `${n.contextProperty}ApplicationProviders`,
      `Sync${n.Aggregate}FromLegacyTablesHandler`,
    );
  });
  const infrastructure = `libs/${n.context}/infrastructure/src`;
  editTypeScript(tree, `${infrastructure}/${n.context}-database.ts`, (file) =>
    registerMigration(file, Migration, `${timestamp}-legacy-${n.aggregates}-tables`),
  );
  const module = `${infrastructure}/${n.context}-infrastructure.module.ts`;
  editTypeScript(tree, module, (file) => {
    const metadata = file
      .getClasses()
      .find((c) => c.getDecorator('Module'))
      ?.getDecorator('Module')
      ?.getArguments()[0]
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!metadata) throw notLaidOut(module, '@Module({...})');
    importNamed(file, `./legacy/legacy-${n.aggregates}.sync`, [`Legacy${n.Aggregates}SyncModule`]);
    const imports =
      metadata.getProperty('imports')?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer() ??
      metadata.insertPropertyAssignment(0, { name: 'imports', initializer: '[]' }).getInitializerOrThrow();
    const array = imports.asKind(SyntaxKind.ArrayLiteralExpression);
    if (!array) throw notLaidOut(module, 'imports: [...]');
    array.addElement(`Legacy${n.Aggregates}SyncModule`);
  });
}

/**
 * In the group's sync module: the child among the tables, its translator among the child translators (its amounts
 * turned into the domain's Money, as the root's are).
 */
function addChild(
  tree: Tree,
  n: ContextNames,
  syncFile: string,
  table: CapturedTable,
  parent: string,
  parentKey: CapturedColumn,
  mapped: Mapped[],
) {
  const money = mapped.filter((m) => m.column && m.tsType === 'money');
  const acl = aclNames(n, table);
  editTypeScript(tree, syncFile, (file) => {
    importNamed(file, '@bascule/anti-corruption', [acl.CAPTURE, `translate${acl.Name}`]);
    let translator = `translate${acl.Name}`;
    if (money.length > 0) {
      importNamed(file, '@bascule/anti-corruption', [`${acl.Name}Row`]);
      importNamed(file, '@bascule/shared/ddd', ['Money']);
      translator = `${names(table.Table).propertyName}AsDomain`;
      const amounts = money
        .map((m) =>
          m.nullable
            ? `${m.field}: fields.${m.field} === null ? null : Money.fromJSON(fields.${m.field})`
            : `${m.field}: Money.fromJSON(fields.${m.field})`,
        )
        .join(', ');
      const translators = file.getVariableStatement((s) => s.getDeclarations()[0]?.getName() === 'childTranslators');
      if (!translators) throw notLaidOut(syncFile, 'const childTranslators = {...}');
      file.insertVariableStatement(translators.getChildIndex(), {
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: translator,
            initializer: `(row: ${acl.Name}Row) => {
              const fields = translate${acl.Name}(row);
              return { ...fields, ${amounts} };
            }`,
          },
        ],
        docs: [`A \`${table.table}\` row's fields, its amounts (JSON, minor units) as the domain's Money.`],
      });
    }
    const tables = forTablesList(file);
    if (!tables) throw notLaidOut(syncFile, 'LegacySyncModule.forTables({ tables: [...] })');
    tables.addElement(
      `{ capture: ${acl.CAPTURE}, parent: ${aclCapture(n, parent)}, parentKeyOf: (row) => row.${parentKey.name} }`,
    );
    const translators = file
      .getVariableDeclaration('childTranslators')
      ?.getInitializer()
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!translators) throw notLaidOut(syncFile, 'const childTranslators = {...}');
    translators.addPropertyAssignment({ name: table.TABLE, initializer: translator });
  });
}

/** In the group's command handler: the child table's rows added to, replaced in and removed from the collection. */
function mapIntoCollection(
  tree: Tree,
  n: ContextNames,
  table: CapturedTable,
  entity: ReturnType<typeof childEntity>,
): void {
  const path = `libs/${n.context}/application/src/commands/sync-${n.aggregate}-from-legacy-tables/sync-${n.aggregate}-from-legacy-tables.handler.ts`;
  const { Entity, entities, idField } = entity;
  const root = n.aggregateProperty;
  editTypeScript(tree, path, (file) => {
    const children = file
      .getClass(`Sync${n.Aggregate}FromLegacyTablesHandler`)
      ?.getProperty('children')
      ?.getInitializer()
      ?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!children) throw notLaidOut(path, 'children = {...}');
    importNamed(file, `@bascule/${n.context}/domain`, [Entity, `${Entity}Id`, `${Entity}State`]);
    children.addPropertyAssignment({
      name: table.TABLE,
      initializer: `(${root}, { upserted, deleted }) => {
        for (const { id, fields } of upserted) {
          const state = fields as ${Entity}State;
          const held = ${root}.${entities}.find((child) => child.id.value === id);
          if (held && !held.sameAs(${Entity}.of(${Entity}Id.of(id), state))) ${root}.remove${Entity}({ ${idField}: id });
          ${root}.add${Entity}({ ${idField}: id, ...state });
        }
        for (const { id } of deleted) ${root}.remove${Entity}({ ${idField}: id });
      }`,
    });
  });
}

export default legacyTableGenerator;
