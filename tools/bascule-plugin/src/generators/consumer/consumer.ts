import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, names, Tree, updateJson } from '@nx/devkit';
import { GeneratorInputError, plural } from '../../utils/context-names';
import { readManifests } from '../../utils/workspace';
import { consumedContract, KeptColumn, snakeCase } from './consumed-contract';
import { editTypeScript, registerMigration, wireConsumer } from './module-wiring';
import { ConsumerSchema } from './schema';

const samples: Record<KeptColumn['sqlType'], string> = {
  uuid: 'randomUUID()',
  text: "'a text'",
  integer: '7',
  numeric: '7.5',
  boolean: 'true',
  timestamptz: "'2026-01-31T12:00:00.000Z'",
  jsonb: "{ any: 'value' }",
};

/**
 * A consumer of another context's event: the handler (a provider method with `@ConsumesEvent`) and its spec,
 * wired into the context's infrastructure module with `ConsumersModule`, the manifest's `consumes` entry, and
 * with `--keep` a projection table of the fields kept (a context keeps only what it uses, and never a personal
 * one: those it reads through the publisher's API) and its migration.
 */
export async function consumerGenerator(tree: Tree, options: ConsumerSchema): Promise<GeneratorCallback> {
  const handler = options.name;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(handler))
    throw new GeneratorInputError(`"${handler}" is not a handler name: kebab case (on-client-registered)`);
  const wire = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)\.v([1-9][0-9]*)$/.exec(options.event);
  if (!wire)
    throw new GeneratorInputError(
      `"${options.event}" is not an event: <context>.<event-name>.v<N> (client.client-registered.v1)`,
    );
  const [, producer, eventName, versionText] = wire;
  const type = `${producer}.${eventName}`;
  const version = Number(versionText);
  const manifests = readManifests(tree);
  const consumer = manifests.find((m) => m.kind === 'context' && m.name === options.context);
  if (!consumer)
    throw new GeneratorInputError(`no context named "${options.context}" (no apps/*/context.manifest.json names it)`);
  const publisher = manifests.find((m) => m.kind === 'context' && m.name === producer);
  const topic = (readJson(tree, publisher?.path).topics ?? [])
    .map((t: { name: string }) => t.name)
    .find((t: string) => t.endsWith('.events.v1'));
  if (!publisher || !topic)
    throw new GeneratorInputError(
      `no context named "${producer}" publishes events (its manifest lists no <name>.events.v1)`,
    );

  const {
    constant: contract,
    aggregateType,
    fields,
    aggregateFields,
  } = consumedContract(tree, producer, type, version);
  // `status=INACTIVE`: a field the event's type implies without carrying it (a deactivation), column of the same
  // aggregate's other contracts.
  const keep = (options.keep ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => /^([A-Za-z][A-Za-z0-9]*)(?:=([A-Za-z0-9_.-]+))?$/.exec(entry) ?? entry);
  const badlyFormed = keep.filter((entry): entry is string => typeof entry === 'string');
  if (badlyFormed.length)
    throw new GeneratorInputError(
      `--keep ${badlyFormed.join(', ')}: a field name, or name=VALUE for a value the event implies`,
    );
  const asked = (keep as RegExpExecArray[]).map(([, field, value]) => ({ field, value }));
  const unknown = asked.filter(({ field, value }) => !(value === undefined ? fields : aggregateFields).has(field));
  if (unknown.length)
    throw new GeneratorInputError(
      `${contract} has no field ${unknown.map((k) => k.field).join(', ')} (it has ${[...fields.keys()].join(', ')}` +
        `; ${aggregateType} events have ${[...aggregateFields.keys()].join(', ')} for name=VALUE)`,
    );
  // Sealed for this context, and erased by the publisher's key destruction: a copy would outlive the erasure.
  const personal = asked.map((k) => k.field).filter((field) => aggregateFields.get(field)?.personal);
  if (personal.length)
    throw new GeneratorInputError(
      `${personal.join(', ')} of ${contract} ${personal.length > 1 ? 'are' : 'is'} personal (sealed, ADR 0033): read ${personal.length > 1 ? 'them' : 'it'} through ${producer}'s API when needed, never keep a copy`,
    );
  const kept = asked.map(({ field, value }) => {
    const column = (value === undefined ? fields : aggregateFields).get(field) as KeptColumn;
    if (value !== undefined && column.sqlType !== 'text')
      throw new GeneratorInputError(`--keep ${field}=${value}: only a text field (an enum's value) can be implied`);
    return {
      ...column,
      implied: value === undefined ? undefined : `'${value}'`,
      sample: samples[column.sqlType],
    };
  });

  const context = options.context;
  const infrastructure = `libs/${context}/infrastructure/src`;
  const handlerFile = `${handler}.handler`;
  if (tree.exists(`${infrastructure}/consumers/${handlerFile}.ts`))
    throw new GeneratorInputError(`${infrastructure}/consumers/${handlerFile}.ts exists already`);
  const substitutions = {
    context,
    producer,
    type,
    version,
    contract,
    handler,
    Handler: `${names(handler).className}Handler`,
    aggregateType,
    table: `known_${snakeCase(plural(names(aggregateType).fileName))}`,
    kept,
    timestamp: String(Date.now()),
    tmpl: '',
  };
  generateFiles(tree, join(__dirname, 'files'), '.', substitutions);
  updateJson(tree, consumer.path, (manifest) => {
    const consumes = manifest.consumes ?? [];
    if (consumes.some((c: { handler: string }) => c.handler === handler))
      throw new GeneratorInputError(`${consumer.path} has a consumer ${handler} already`);
    return { ...manifest, consumes: [...consumes, { topic, event: type, versions: [version], handler }] };
  });
  editTypeScript(tree, `${infrastructure}/${context}-infrastructure.module.ts`, (source) =>
    wireConsumer(source, {
      service: consumer.service,
      Handler: substitutions.Handler,
      handlerFile,
      topic,
      contract,
      producer,
    }),
  );
  if (kept.length) {
    const migration = `Keep${names(handler).className}${substitutions.timestamp}`;
    generateFiles(tree, join(__dirname, 'files-keep'), '.', { ...substitutions, Migration: migration });
    editTypeScript(tree, `${infrastructure}/${context}-database.ts`, (source) =>
      registerMigration(source, migration, `${substitutions.timestamp}-keep-${handler}`),
    );
  }
  await formatFiles(tree);
  return () => undefined;
}

const readJson = (tree: Tree, path?: string) => (path ? JSON.parse(tree.read(path, 'utf-8') ?? '{}') : {});

export default consumerGenerator;
