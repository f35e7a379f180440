import { join } from 'node:path';
import { formatFiles, generateFiles, GeneratorCallback, logger, Tree } from '@nx/devkit';
import { contextNames } from '../../utils/context-names';
import { afterGeneration } from '../../utils/after-generation';
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
  const legacy = options.legacyTable ? legacyTable(manifests, options.legacyTable) : null;
  const timestamp = String(Date.now());

  generateFiles(tree, join(__dirname, 'files'), '.', { ...n, httpPort, grpcPort, legacy, timestamp, tmpl: '' });
  addTsPaths(
    tree,
    Object.fromEntries(
      LAYERS.map((layer) => [`@bascule/${n.context}/${layer}`, `libs/${n.context}/${layer}/src/index.ts`]),
    ),
  );
  renderFromManifests(tree);
  await formatFiles(tree);
  logger.info(
    `${n.service}: REST http://127.0.0.1:${httpPort}/${n.aggregates}, gRPC 127.0.0.1:${grpcPort} (${n.grpcPackage}.${n.grpcService}); ` +
      `npm start runs it, npx nx run-many -t lint and npm test check it`,
  );
  return afterGeneration(tree);
}

export default boundedContextGenerator;
