import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import { typeCheck } from '../../testing/type-check';
import { json, workspaceTree } from '../../testing/workspace-tree';
import { boundedContextGenerator } from '../bounded-context/bounded-context';
import { consumerGenerator } from './consumer';

const clientContracts = 'libs/client/contracts/src/client-events.v1.ts';

describe('consumer generator', () => {
  let tree: Tree;
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';
  const handler = 'libs/inventory/infrastructure/src/consumers/on-client-registered.handler.ts';
  const module = 'libs/inventory/infrastructure/src/inventory-infrastructure.module.ts';

  beforeEach(async () => {
    tree = workspaceTree();
    tree.write(clientContracts, readFileSync(resolve(__dirname, '../../../../..', clientContracts), 'utf8'));
    await boundedContextGenerator(tree, { name: 'inventory', aggregate: 'StockItem' });
  });

  it('writes the handler and its spec, the manifest entry, and wires ConsumersModule in the infrastructure module', async () => {
    await consumerGenerator(tree, {
      name: 'on-client-registered',
      context: 'inventory',
      event: 'client.client-registered.v1',
    });
    expect(tree.children('libs/inventory/infrastructure/src/consumers').sort()).toEqual([
      'on-client-registered.handler.spec.ts',
      'on-client-registered.handler.ts',
    ]);
    expect(read(handler)).toContain("@ConsumesEvent('client.client-registered', 1)");
    expect(read(handler)).toContain('EventEnvelope<PayloadOf<typeof ClientRegisteredV1>>');
    expect(json(tree, 'apps/inventory-service/context.manifest.json').consumes).toEqual([
      { topic: 'client.events.v1', event: 'client.client-registered', versions: [1], handler: 'on-client-registered' },
    ]);
    const wired = read(module);
    expect(wired).toContain("import { ClientRegisteredV1 } from '@bascule/client/contracts';");
    expect(wired).toContain("import { OnClientRegisteredHandler } from './consumers/on-client-registered.handler';");
    expect(wired).toMatch(
      /imports: \[\s*ConsumersModule\.forRoot\(\{\s*groupId: 'inventory-service',\s*topics: \['client\.events\.v1'\],\s*contracts: \[ClientRegisteredV1\],?\s*\}\)/,
    );
    expect(wired).toMatch(/OnClientRegisteredHandler,?\s*\],\s*exports:/);
    expect(tree.exists('libs/inventory/infrastructure/src/migrations')).toBe(true);
    expect(tree.children('libs/inventory/infrastructure/src/migrations').some((f) => f.includes('keep'))).toBe(false);
  });

  it('with --keep: a projection of those fields only, typed as they arrive, its migration registered', async () => {
    await consumerGenerator(tree, {
      name: 'on-client-registered',
      context: 'inventory',
      event: 'client.client-registered.v1',
      keep: 'clientId companyId status',
    });
    const migration = tree.children('libs/inventory/infrastructure/src/migrations').find((f) => f.includes('keep'));
    const sql = read(`libs/inventory/infrastructure/src/migrations/${migration}`);
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS known_clients');
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS client_id uuid');
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS company_id text');
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS status text');
    expect(sql).not.toContain('given_name');
    const database = read('libs/inventory/infrastructure/src/inventory-database.ts');
    expect(database).toMatch(/migrations: \[[^\]]*KeepOnClientRegistered\d+\]/s);
    expect(read(handler)).toContain('WHERE known_clients.version < EXCLUDED.version');
    // Samples and SQL are written as code, not HTML-escaped.
    expect(read(handler.replace('.ts', '.spec.ts'))).toContain("companyId: 'a text'");
  });

  it('with --keep name=VALUE: a value the event implies (a deactivated client is INACTIVE), in the same projection', async () => {
    await consumerGenerator(tree, {
      name: 'on-client-deactivated',
      context: 'inventory',
      event: 'client.client-deactivated.v1',
      keep: 'status=INACTIVE',
    });
    const written = read('libs/inventory/infrastructure/src/consumers/on-client-deactivated.handler.ts');
    expect(written).toContain('INSERT INTO known_clients (id, version, status)');
    expect(written).toContain("[event.aggregateId, event.aggregateVersion, 'INACTIVE']");
    expect(written).not.toContain('event.payload');
    const migration = tree.children('libs/inventory/infrastructure/src/migrations').find((f) => f.includes('keep'));
    expect(read(`libs/inventory/infrastructure/src/migrations/${migration}`)).toContain(
      'ADD COLUMN IF NOT EXISTS status text',
    );
  });

  it("keeps fields spread into a schema from a declared object (the fields the aggregate's events share)", async () => {
    const shared = clientContracts.replace('client-events.v1', 'shared-fields.v1');
    tree.write(
      shared,
      `import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';
const base = { version: 1, topic: 'client.events.v1', aggregateType: 'client' } as const;
const clientFields = { tier: Type.String(), credit: Type.Integer() };
export const ClientTieredV1 = defineEvent({
  ...base,
  type: 'client.client-tiered',
  summary: 'A client got a tier.',
  schema: Type.Object({ clientId: Type.String({ format: 'uuid' }), ...clientFields }),
});
`,
    );
    await consumerGenerator(tree, {
      name: 'on-client-tiered',
      context: 'inventory',
      event: 'client.client-tiered.v1',
      keep: 'tier credit',
    });
    const migration = tree.children('libs/inventory/infrastructure/src/migrations').find((f) => f.includes('keep'));
    const sql = read(`libs/inventory/infrastructure/src/migrations/${migration}`);
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS tier text');
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS credit integer');
  });

  it('keeps an optional field added to v1, and a union of whole-number literals, as a nullable integer (VAT rates)', async () => {
    const shared = clientContracts.replace('client-events.v1', 'rated-fields.v1');
    tree.write(
      shared,
      `import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';
const base = { version: 1, topic: 'client.events.v1', aggregateType: 'client' } as const;
const vatRate = Type.Union([Type.Literal(2000), Type.Literal(550)]);
export const ClientRatedV1 = defineEvent({
  ...base,
  type: 'client.client-rated',
  summary: 'A client got a rate.',
  schema: Type.Object({ rate: Type.Optional(vatRate), grade: Type.Union([Type.Literal('A'), Type.Literal('B')]) }),
});
`,
    );
    await consumerGenerator(tree, {
      name: 'on-client-rated',
      context: 'inventory',
      event: 'client.client-rated.v1',
      keep: 'rate grade',
    });
    const migration = tree.children('libs/inventory/infrastructure/src/migrations').find((f) => f.includes('keep'));
    const sql = read(`libs/inventory/infrastructure/src/migrations/${migration}`);
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS rate integer');
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS grade text');
    // Kept as it arrives (a number, not its JSON text); absent, it is NULL.
    expect(read('libs/inventory/infrastructure/src/consumers/on-client-rated.handler.ts')).toContain(
      '[event.aggregateId, event.aggregateVersion, rate, grade]',
    );
  });

  it('a second consumer of the same topic completes the ConsumersModule wiring instead of adding another', async () => {
    await consumerGenerator(tree, {
      name: 'on-client-registered',
      context: 'inventory',
      event: 'client.client-registered.v1',
    });
    await consumerGenerator(tree, {
      name: 'on-client-renamed',
      context: 'inventory',
      event: 'client.client-renamed.v1',
    });
    const wired = read(module);
    expect(wired.match(/ConsumersModule\.forRoot/g)).toHaveLength(1);
    expect(wired).toMatch(/topics: \['client\.events\.v1'\]/);
    expect(wired).toMatch(/contracts: \[ClientRegisteredV1, ClientRenamedV1\]/);
    expect(json(tree, 'apps/inventory-service/context.manifest.json').consumes).toHaveLength(2);
  });

  it.each([
    [{ event: 'client.client-registered' }, 'is not an event: <context>.<event-name>.v<N>'],
    [{ event: 'client.client-exploded.v1' }, 'no contract client.client-exploded v1'],
    [{ event: 'client.client-registered.v2' }, 'no contract client.client-registered v2'],
    [{ event: 'billing.invoice-sent.v1' }, 'no context named "billing" publishes events'],
    [{ keep: 'shoeSize' }, 'ClientRegisteredV1 has no field shoeSize'],
    [{ keep: 'clientId email address' }, 'email, address of ClientRegisteredV1 are personal (sealed, ADR 0033)'],
    [{ keep: 'status=' }, '--keep status=: a field name, or name=VALUE'],
    [{ event: 'client.client-deactivated.v1', keep: 'shoeSize=XL' }, 'ClientDeactivatedV1 has no field shoeSize'],
    [{ event: 'client.client-deactivated.v1', keep: 'email=x' }, 'email of ClientDeactivatedV1 is personal'],
    [{ name: 'OnClient' }, 'is not a handler name'],
    [{ context: 'nowhere' }, 'no context named "nowhere"'],
  ])('refuses %o', async (change, message) => {
    const options = {
      name: 'on-client-registered',
      context: 'inventory',
      event: 'client.client-registered.v1',
      ...change,
    };
    await expect(consumerGenerator(tree, options)).rejects.toThrow(message);
  });

  it('writes code that compiles, with --keep', async () => {
    await consumerGenerator(tree, {
      name: 'on-client-registered',
      context: 'inventory',
      event: 'client.client-registered.v1',
      keep: 'clientId companyId status',
    });
    await consumerGenerator(tree, {
      name: 'on-client-erased',
      context: 'inventory',
      event: 'client.client-erased.v1',
      keep: 'status=ERASED',
    });
    expect(typeCheck(tree)).toEqual([]);
  });
});
