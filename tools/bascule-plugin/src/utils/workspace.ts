import { Tree } from '@nx/devkit';
import { ContextNames, GeneratorInputError } from './context-names';

/** The parts of `apps/<service>/context.manifest.json` the generators read (tools/infra/contexts has the schema). */
export interface ManifestSummary {
  path: string;
  kind: 'context' | 'legacy';
  name: string;
  service: string;
  httpPort?: number;
  grpcPort?: number;
  database?: string;
  databaseSchema?: string;
  capture?: { tables: string[]; topicPrefix: string; topic: { partitions: number } };
}

export function readManifests(tree: Tree): ManifestSummary[] {
  return tree
    .children('apps')
    .map((app) => `apps/${app}/context.manifest.json`)
    .filter((path) => tree.exists(path))
    .map((path) => ({ path, ...(JSON.parse(tree.read(path, 'utf-8') ?? '{}') as Omit<ManifestSummary, 'path'>) }));
}

/** Refuses a context whose name, service, libraries or database another one already has. */
export function assertContextIsNew(tree: Tree, n: ContextNames, manifests: ManifestSummary[]): void {
  const taken = manifests.find((m) => m.name === n.context || m.service === n.service || m.database === n.database);
  if (taken) throw new GeneratorInputError(`a context named "${n.context}" exists already (${taken.path})`);
  for (const path of [`libs/${n.context}`, `apps/${n.service}`])
    if (tree.exists(path)) throw new GeneratorInputError(`${path} exists already: choose another context name`);
}

/** The port asked for, checked free across every manifest; or the next one after the contexts' highest. */
export function choosePort(
  manifests: ManifestSummary[],
  key: 'httpPort' | 'grpcPort',
  asked?: number,
  alsoTaken: number[] = [],
): number {
  const contexts = manifests.filter((m) => m.kind !== 'legacy');
  const used = new Map(contexts.flatMap((m) => (m[key] ? [[m[key] as number, m.service] as const] : [])));
  const all = new Map(
    manifests.flatMap((m) => [m.httpPort, m.grpcPort].filter(Boolean).map((p) => [p as number, m.service])),
  );
  for (const port of alsoTaken) all.set(port, 'this context');
  if (asked !== undefined) {
    if (!Number.isInteger(asked) || asked < 1024 || asked > 65535)
      throw new GeneratorInputError(
        `--${key === 'httpPort' ? 'http-port' : 'grpc-port'} ${asked}: a port from 1024 to 65535`,
      );
    const owner = all.get(asked);
    if (owner) throw new GeneratorInputError(`port ${asked} is taken by ${owner}`);
    return asked;
  }
  let port = Math.max(key === 'httpPort' ? 3000 : 50050, ...used.keys()) + 1;
  while (all.has(port)) port++;
  return port;
}

/** The captured legacy table, by its name in the legacy manifest (`CLIENTS`): refused when not captured. */
export function legacyTable(manifests: ManifestSummary[], table: string) {
  const legacy = manifests.find((m) => m.kind === 'legacy');
  const capture = legacy?.capture;
  const tables = capture?.tables ?? [];
  if (!capture || !tables.includes(table))
    throw new GeneratorInputError(
      `legacy table "${table}" is not captured; the captured tables are ${tables.join(', ') || 'none'} (${legacy?.path ?? 'no legacy manifest'})`,
    );
  return { table, topic: `${capture.topicPrefix}.public.${table}`, schemaFile: legacy?.databaseSchema ?? '' };
}

export function addTsPaths(tree: Tree, paths: Record<string, string>): void {
  const json = JSON.parse(tree.read('tsconfig.base.json', 'utf-8') ?? '{}');
  const all = { ...json.compilerOptions.paths, ...Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, [v]])) };
  json.compilerOptions.paths = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  tree.write('tsconfig.base.json', `${JSON.stringify(json, null, 2)}\n`);
}
