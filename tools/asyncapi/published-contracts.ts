import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EventContract } from '@bascule/shared/contracts';

const root = resolve(__dirname, '../..');
const aliases = (
  JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  }
).compilerOptions.paths;
const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Every context's published contracts, found from the manifests (`apps/<service>/context.manifest.json`,
 * kind `context`): `@bascule/<name>/contracts` exports them as `<name>EventContracts`.
 */
export function publishedContracts(): { context: string; contracts: readonly EventContract[] }[] {
  return readdirSync(resolve(root, 'apps'))
    .map((app) => resolve(root, 'apps', app, 'context.manifest.json'))
    .filter((file) => {
      try {
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as { kind?: string; topics?: unknown[] };
        // A context that publishes nothing (a saga orchestrator, ADR 0065) has no published language to document.
        return manifest.kind === 'context' && (manifest.topics ?? []).length > 0;
      } catch {
        return false;
      }
    })
    .map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name)
    .sort()
    .map((context) => {
      // Through the path alias's target: a computed require is not rewritten by the TypeScript loaders.
      const [entry] = aliases[`@bascule/${context}/contracts`] ?? [`libs/${context}/contracts/src/index.ts`];
      const contracts = require(resolve(root, entry))[`${camel(context)}EventContracts`];
      if (!Array.isArray(contracts))
        throw new Error(`@bascule/${context}/contracts exports no ${camel(context)}EventContracts`);
      return { context, contracts };
    });
}

export const asyncApiFile = (context: string) => resolve(root, 'docs/asyncapi', `${context}.asyncapi.json`);
