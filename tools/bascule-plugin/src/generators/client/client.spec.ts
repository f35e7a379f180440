import { Tree } from '@nx/devkit';
import { typeCheck } from '../../testing/type-check';
import { json, workspaceTree } from '../../testing/workspace-tree';
import { boundedContextGenerator } from '../bounded-context/bounded-context';
import { clientGenerator } from './client';

// Names no real context will take.
describe('client generator', () => {
  let tree: Tree;
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';
  const callee = 'libs/quarry/infrastructure/src/calls/kiln.callee.ts';
  const module = 'libs/quarry/infrastructure/src/quarry-infrastructure.module.ts';
  const account = (service: string) =>
    json(tree, 'tools/infra/keycloak/realm-bascule.json').users.find(
      (u: { serviceAccountClientId?: string }) => u.serviceAccountClientId === service,
    );
  beforeEach(async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, { name: 'quarry', aggregate: 'Stone' });
    await boundedContextGenerator(tree, { name: 'kiln', aggregate: 'FiringBatch' });
  });

  it("by default calls the callee's read-only rpcs: manifest entry, typed client, module import, exact realm roles", async () => {
    await clientGenerator(tree, { context: 'quarry', calls: 'kiln' });
    expect(json(tree, 'apps/quarry-service/context.manifest.json').calls).toEqual([
      { context: 'kiln', rpcs: ['GetFiringBatch', 'ListFiringBatches'] },
    ]);
    const client = read(callee);
    expect(client).toContain('GetFiringBatch(request: GetFiringBatchRequest): Promise<FiringBatch>;');
    expect(client).toContain(
      'ListFiringBatches(request: ListFiringBatchesRequest): Promise<ListFiringBatchesResponse>;',
    );
    expect(client).toMatch(
      /export interface ListFiringBatchesResponse \{\s+items: FiringBatch\[\];\s+nextCursor\?: string;/,
    );
    expect(client).toMatch(/export interface FiringBatch \{\s+id: string;\s+version: number;/);
    expect(client).toContain("idempotentRpcs: ['GetFiringBatch', 'ListFiringBatches']");
    expect(client).toContain("from '@bascule/kiln/contracts'");
    expect(client).toContain("caller: 'quarry'");
    expect(read(module)).toMatch(/imports: \[KilnCalleeModule\]/);
    expect(read(module)).toContain("import { KilnCalleeModule } from './calls/kiln.callee'");
    expect(account('quarry-service').realmRoles).toEqual(['kiln:read']);
    expect(account('kiln-service')).toBeUndefined();
  });

  it('a write named with --rpcs is added to the same entry, tried once (not idempotent), its role granted', async () => {
    await clientGenerator(tree, { context: 'quarry', calls: 'kiln', rpcs: 'GetFiringBatch' });
    await clientGenerator(tree, { context: 'quarry', calls: 'kiln', rpcs: 'CreateFiringBatch' });
    expect(json(tree, 'apps/quarry-service/context.manifest.json').calls).toEqual([
      { context: 'kiln', rpcs: ['GetFiringBatch', 'CreateFiringBatch'] },
    ]);
    expect(read(callee)).toContain("rpcs: ['GetFiringBatch', 'CreateFiringBatch']");
    expect(read(callee)).toContain("idempotentRpcs: ['GetFiringBatch']");
    expect(read(module).match(/KilnCalleeModule/g)).toHaveLength(2); // imported once, listed once
    expect(account('quarry-service').realmRoles).toEqual(['kiln:read', 'kiln:write']);
  });

  it.each([
    [{ context: 'quarry', calls: 'nowhere' }, 'no context named "nowhere" to call (known: client, kiln)'],
    [{ context: 'quarry', calls: 'quarry' }, 'a context does not call itself over gRPC'],
    [{ context: 'nowhere', calls: 'kiln' }, 'no context named "nowhere"'],
    [
      { context: 'quarry', calls: 'kiln', rpcs: 'GetFiringBatch,BakeFiringBatch' },
      'kiln serves no rpc BakeFiringBatch (it serves: CreateFiringBatch, GetFiringBatch, ListFiringBatches)',
    ],
  ])('refuses %j before writing anything', async (options, message) => {
    const before = read('apps/quarry-service/context.manifest.json');
    await expect(clientGenerator(tree, options)).rejects.toThrow(message);
    expect(read('apps/quarry-service/context.manifest.json')).toBe(before);
    expect(tree.exists(callee)).toBe(false);
  });

  it('writes code that compiles', async () => {
    await clientGenerator(tree, { context: 'quarry', calls: 'kiln', rpcs: 'GetFiringBatch,CreateFiringBatch' });
    expect(typeCheck(tree)).toEqual([]);
  });
});
