import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

const root = resolve(__dirname, '../../../..');
const copied = [
  'tsconfig.base.json',
  'tools/infra/keycloak/realm-bascule.json',
  'apps/client-service/context.manifest.json',
  'apps/legacy-monolith/context.manifest.json',
  // What the manifests' checks and renderer read: the entries they name, the files they complete.
  'apps/client-service/src/main.ts',
  'apps/legacy-monolith/src/main.ts',
  'apps/legacy-monolith/sql/schema.sql',
  'docker/compose.yaml',
  'libs/anti-corruption/src/index.ts',
];

/** A virtual tree holding this workspace's manifests, realm and path aliases: what the generators read. */
export function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const path of copied) tree.write(path, readFileSync(resolve(root, path), 'utf8'));
  return tree;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read arbitrary JSON
export const json = <T = any>(tree: Tree, path: string): T => JSON.parse(tree.read(path, 'utf-8') ?? 'null');
