import { Tree } from '@nx/devkit';
import { typeCheck } from '../../testing/type-check';
import { json, workspaceTree } from '../../testing/workspace-tree';
import { boundedContextGenerator } from '../bounded-context/bounded-context';
import { commandGenerator } from '../command/command';
import { participantGenerator } from './participant';

describe('participant generator', () => {
  let tree: Tree;
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';
  const infrastructure = 'libs/inventory/infrastructure/src';
  const reserve = () =>
    participantGenerator(tree, {
      name: 'register-item',
      context: 'inventory',
      useCase: 'create-stock-item',
      fields: 'label:string quantity:int status:enum(DRAFT,ACTIVE,ARCHIVED)',
    });
  const archive = () =>
    participantGenerator(tree, {
      name: 'retire-item',
      context: 'inventory',
      useCase: 'archive-stock-item',
      fields: 'stockItemId:uuid',
      target: 'stockItemId',
    });

  beforeEach(async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, {
      name: 'inventory',
      aggregate: 'StockItem',
      fields: 'label:string quantity:int status:enum(DRAFT,ACTIVE,ARCHIVED)',
    });
    await commandGenerator(tree, {
      name: 'archive-stock-item',
      context: 'inventory',
      from: 'DRAFT,ACTIVE',
      to: 'ARCHIVED',
    });
  });

  it('writes the contracts, the participant, its wiring, the saga_replies migration and the manifest entry', async () => {
    await reserve();
    const contracts = read('libs/inventory/contracts/src/inventory-saga.v1.ts');
    expect(contracts).toContain("type: 'inventory.register-item'");
    expect(contracts).toContain("type: 'inventory.register-item-succeeded'");
    expect(contracts).toContain("type: 'inventory.register-item-refused'");
    expect(contracts).toContain("topic: 'inventory.commands.v1'");
    expect(contracts).toContain("topic: 'saga.replies.v1'");
    expect(contracts).toMatch(
      /inventorySagaContracts = \[\s*RegisterItemV1,\s*RegisterItemSucceededV1,\s*RegisterItemRefusedV1,?\s*\]/,
    );
    expect(read('libs/inventory/contracts/src/index.ts')).toContain("export * from './inventory-saga.v1';");
    expect(tree.children(`${infrastructure}/consumers`).sort()).toEqual([
      'register-item.participant.spec.ts',
      'register-item.participant.ts',
    ]);
    const participant = read(`${infrastructure}/consumers/register-item.participant.ts`);
    expect(participant).toContain("@ConsumesEvent('inventory.register-item', 1, { answersRepeats: true })");
    expect(participant).toContain('new CreateStockItemCommand(command.payload, sagaCommandMetadata(command))');
    const module = read(`${infrastructure}/inventory-infrastructure.module.ts`);
    expect(module).toMatch(/topics: \['inventory\.commands\.v1'\],\s*contracts: \[RegisterItemV1\]/);
    expect(module).toMatch(/RegisterItemParticipant,\s*SagaParticipant,?\s*\]/);
    expect(read(`${infrastructure}/inventory-database.ts`)).toMatch(/\.\.\.sagaParticipantMigrations,?\s*\]/);
    const serviceModule = read('apps/inventory-service/src/inventory-service.module.ts');
    expect(serviceModule).toContain('contracts: [...inventoryEventContracts, ...inventorySagaContracts]');
    expect(serviceModule).toContain('retention: () => [sagaRepliesRetention()]');
    expect(serviceModule).toMatch(/import \{ sagaRepliesRetention \} from '@bascule\/saga';/);
    expect(json(tree, 'apps/inventory-service/context.manifest.json').sagaCommands).toEqual({
      topic: {
        name: 'inventory.commands.v1',
        partitions: 6,
        retentionMs: 604_800_000,
        dlq: { partitions: 1, retentionMs: 2_592_000_000 },
      },
      commands: [{ command: 'inventory.register-item', versions: [1], handler: 'register-item' }],
    });
  });

  it('a second participant of the context completes the same contracts, wiring and manifest entry', async () => {
    await reserve();
    await archive();
    const participant = read(`${infrastructure}/consumers/retire-item.participant.ts`);
    expect(participant).toMatch(/new ArchiveStockItemCommand\(\{\s*aggregateId: command\.payload\.stockItemId,/);
    const module = read(`${infrastructure}/inventory-infrastructure.module.ts`);
    expect(module.match(/ConsumersModule\.forRoot/g)).toHaveLength(1);
    expect(module).toMatch(/contracts: \[RegisterItemV1, RetireItemV1\]/);
    expect(module.match(/SagaParticipant,/g)).toHaveLength(1);
    expect(read(`${infrastructure}/inventory-database.ts`).match(/sagaParticipantMigrations/g)).toHaveLength(2);
    const serviceModule = read('apps/inventory-service/src/inventory-service.module.ts');
    expect(serviceModule.match(/inventorySagaContracts/g)).toHaveLength(2);
    expect(serviceModule.match(/sagaRepliesRetention/g)).toHaveLength(2); // imported once, used once
    const manifest = json(tree, 'apps/inventory-service/context.manifest.json');
    expect(manifest.sagaCommands.commands.map((c: { handler: string }) => c.handler)).toEqual([
      'register-item',
      'retire-item',
    ]);
  });

  it.each([
    [{ useCase: 'explode-stock-item' }, 'no use case explode-stock-item in inventory'],
    [{ context: 'nowhere' }, 'no context named "nowhere"'],
    [{ useCase: 'archive-stock-item', fields: 'stockItemId:uuid' }, '--target names the payload field of its id'],
    [{ target: 'label' }, 'CreateStockItemCommand makes an aggregate: it takes no --target'],
    [{ useCase: 'archive-stock-item', fields: 'id2:int', target: 'id2' }, '--target id2: not a required uuid'],
    [{ fields: 'price:money' }, 'price: a saga command carries amounts'],
    [{ name: 'ReserveStock' }, 'is not a use-case name'],
  ])('refuses %o', async (change, message) => {
    const options = {
      name: 'register-item',
      context: 'inventory',
      useCase: 'create-stock-item',
      fields: 'label:string quantity:int status:enum(DRAFT,ACTIVE,ARCHIVED)',
      ...change,
    };
    await expect(participantGenerator(tree, options)).rejects.toThrow(message);
  });

  it('refuses a command the context takes already', async () => {
    await reserve();
    await expect(reserve()).rejects.toThrow('exists already');
  });

  it('names the envelope after the saga command, so one named as its use case (archive-stock-item) compiles', async () => {
    await participantGenerator(tree, {
      name: 'archive-stock-item',
      context: 'inventory',
      useCase: 'archive-stock-item',
      fields: 'stockItemId:uuid',
      target: 'stockItemId',
    });
    const participant = read(`${infrastructure}/consumers/archive-stock-item.participant.ts`);
    expect(participant).toContain(
      'type ArchiveStockItemEnvelope = EventEnvelope<PayloadOf<typeof ArchiveStockItemV1>>;',
    );
    expect(participant).toContain('handle(command: ArchiveStockItemEnvelope, tx: SqlRows, delivery?: Delivery)');
    expect(participant).toContain('private async run(command: ArchiveStockItemEnvelope)');
    // The use case's command class keeps its name, imported from the application layer beside the envelope type.
    expect(participant).toContain("import { ArchiveStockItemCommand } from '@bascule/inventory/application';");
    expect(participant).toMatch(/new ArchiveStockItemCommand\(\{\s*aggregateId: command\.payload\.stockItemId,/);
    expect(participant).not.toMatch(/type ArchiveStockItemCommand\b/);
    expect(typeCheck(tree)).toEqual([]);
  });

  it('writes code that compiles', async () => {
    await reserve();
    await archive();
    expect(typeCheck(tree)).toEqual([]);
  });
});
