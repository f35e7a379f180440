import { Tree } from '@nx/devkit';
import { GeneratorInputError } from './context-names';

export interface RepositoryFiles {
  apps(): string[];
  exists(file: string): boolean;
  read(file: string): string;
  list(dir: string): string[];
}
type Platform = { root: string };
// The loader and renderer are plain CommonJS that bash runs too.
const { loadContexts } = require('@bascule/infra/contexts') as {
  loadContexts(options: { root: string; files: RepositoryFiles }): Platform;
};
const { renderDeployment } = require('@bascule/infra/render-deployment') as {
  renderDeployment(platform: Platform, read: (file: string) => string): Map<string, string>;
};

export const treeFiles = (tree: Tree): RepositoryFiles => ({
  apps: () => tree.children('apps').filter((app) => !tree.isFile(`apps/${app}`)),
  exists: (file) => tree.exists(file),
  read: (file) => tree.read(file, 'utf-8') ?? '',
  list: (dir) => filesUnder(tree, dir),
});

/** Every file under `dir` in the tree, for the loader's reading of a callee's @Roles (manifest `calls`). */
function filesUnder(tree: Tree, dir: string): string[] {
  if (!tree.exists(dir)) return [];
  if (tree.isFile(dir)) return [dir];
  return tree.children(dir).flatMap((child) => filesUnder(tree, `${dir}/${child}`));
}

/**
 * The manifests in the tree, the new one included, checked as setup checks them (schema, unique names, ports,
 * databases, roles, topics); then what they give is written into the tree too: compose's per-context parts,
 * `docker/postgres-init.sh`, `k8s/<service>.yaml`, the Kubernetes secrets and topics, the realm's roles and audiences.
 */
export function renderFromManifests(tree: Tree): void {
  let platform: Platform;
  try {
    platform = loadContexts({ root: tree.root, files: treeFiles(tree) });
  } catch (error) {
    throw new GeneratorInputError(`the manifests do not hold together: ${(error as Error).message}`);
  }
  for (const [file, text] of renderDeployment(platform, (path) => tree.read(path, 'utf-8') ?? ''))
    if (tree.read(file, 'utf-8') !== text) tree.write(file, text);
}
