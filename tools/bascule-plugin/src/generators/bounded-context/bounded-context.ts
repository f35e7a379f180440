import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, logger, Tree } from '@nx/devkit';
import { contextNames } from '../../utils/context-names';
import { afterGeneration } from '../../utils/after-generation';
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
  const timestamp = String(Date.now());

  const substitutions = { ...n, httpPort, grpcPort, legacy, timestamp, tableFile: legacy?.tableFile, tmpl: '' };
  generateFiles(tree, join(__dirname, 'files'), '.', substitutions);
  if (legacy) {
    generateFiles(tree, join(__dirname, 'files-legacy'), '.', substitutions);
    const acl = 'libs/anti-corruption/src/index.ts';
    tree.write(
      acl,
      `${tree.read(acl, 'utf-8') ?? ''}export * from './${legacy.tableFile}/legacy-${legacy.tableFile}.capture';\n`,
    );
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

export default boundedContextGenerator;
