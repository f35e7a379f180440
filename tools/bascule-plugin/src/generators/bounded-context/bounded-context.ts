import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, logger, Tree } from '@nx/devkit';
import { contextNames, GeneratorInputError } from '../../utils/context-names';
import { fieldLayers, MONEY_RULES_DECLARATION } from '../../utils/field-layers';
import { Field, parseFields } from '../../utils/fields';
import { afterGeneration } from '../../utils/after-generation';
import { aclNames } from '../../utils/acl-names';
import { legacyTableShape } from '../../utils/legacy-schema';
import { renderFromManifests } from '../../utils/platform';
import { addTsPaths, assertContextIsNew, choosePort, legacyTable, readManifests } from '../../utils/workspace';
import { BoundedContextSchema } from './schema';

const LAYERS = ['domain', 'contracts', 'application', 'infrastructure', 'interface'] as const;

/**
 * Writes a context as one would by hand on the platform: what the client context shows, for one aggregate
 * with a create command and get/list queries. Refuses a name, port or table that clashes, before writing.
 */
export async function boundedContextGenerator(tree: Tree, options: BoundedContextSchema): Promise<GeneratorCallback> {
  const manifests = readManifests(tree);
  const n = contextNames(options.name, options.aggregate);
  assertContextIsNew(tree, n, manifests);
  const httpPort = choosePort(manifests, 'httpPort', options.httpPort);
  const grpcPort = choosePort(manifests, 'grpcPort', options.grpcPort, [httpPort]);
  const captured = options.legacyTable ? legacyTable(manifests, options.legacyTable) : null;
  const legacy = captured && legacyTableShape(tree, captured.schemaFile, captured.table, captured.topic);
  const fields = legacy ? syncedFromLegacy(parseFields(options.fields)) : parseFields(options.fields);
  const timestamp = String(Date.now());

  const substitutions = {
    ...n,
    ...fieldSubstitutions(n.Aggregate, n.AGGREGATE, fields),
    httpPort,
    grpcPort,
    legacy,
    acl: legacy && aclNames(n, legacy),
    timestamp,
    tableFile: legacy?.tableFile,
    grpcServiceConst: `${n.CONTEXT}_GRPC_SERVICE`,
    secondAggregate: false,
    tmpl: '',
  };
  generateFiles(tree, join(__dirname, 'files'), '.', substitutions);
  if (legacy) {
    generateFiles(tree, join(__dirname, 'files-legacy'), '.', substitutions);
    const acl = 'libs/anti-corruption/src/index.ts';
    tree.write(acl, `${tree.read(acl, 'utf-8') ?? ''}export * from '${aclNames(n, legacy).module}';\n`);
  }
  addTsPaths(
    tree,
    Object.fromEntries(
      LAYERS.map((layer) => [`@bascule/${n.context}/${layer}`, `libs/${n.context}/${layer}/src/index.ts`]),
    ),
  );
  await formatFiles(tree);
  // After formatting: these files are the renderer's, byte for byte (its spec compares them with what it writes).
  renderFromManifests(tree);
  logger.info(
    `${n.service}: REST http://127.0.0.1:${httpPort}/${n.aggregates}, gRPC 127.0.0.1:${grpcPort} (${n.grpcPackage}.${n.grpcService}); ` +
      `npm start runs it, npx nx run-many -t lint and npm test check it`,
  );
  return afterGeneration(tree);
}

/** What the templates need of the fields: the fields, their layers, and which platform blocks they import. */
export function fieldSubstitutions(Aggregate: string, AGGREGATE: string, fields: Field[]) {
  return {
    fields,
    L: fieldLayers(Aggregate, AGGREGATE),
    MONEY_RULES_DECLARATION,
    hasMoney: fields.some((f) => f.type === 'money'),
    hasDate: fields.some((f) => f.type === 'date'),
  };
}

/**
 * A context synced from a legacy table is created from its row: the row's text becomes `name` (added when not
 * asked for), and the other fields, which legacy does not hold, must be optional.
 */
function syncedFromLegacy(fields: Field[]): Field[] {
  const name = fields.find((f) => f.name === 'name');
  if (name && (name.type !== 'string' || name.optional))
    throw new GeneratorInputError('with --legacy-table, "name" is the legacy row\'s text: a required string');
  const required = fields.find((f) => f.name !== 'name' && !f.optional);
  if (required)
    throw new GeneratorInputError(
      `with --legacy-table, field "${required.name}" must be optional (${required.name}:${required.type}?): legacy does not hold it`,
    );
  return name
    ? fields
    : [{ name: 'name', Name: 'Name', column: 'name', type: 'string', optional: false, values: [] }, ...fields];
}

export default boundedContextGenerator;
