import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import { workspaceTree } from '../testing/workspace-tree';
import { boundedContextGenerator } from './bounded-context/bounded-context';
import { commandGenerator, pastTense } from './command/command';
import { eventGenerator } from './event/event';
import { queryGenerator } from './query/query';

describe('command, query and event generators on a generated context', () => {
  let tree: Tree;
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';
  beforeEach(async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, { name: 'inventory', aggregate: 'StockItem' });
  });

  it('a command: the aggregate method and its event, the handler and spec, the route with If-Match, the rpc', async () => {
    await commandGenerator(tree, { name: 'archive-stock-item', context: 'inventory' });
    const folder = 'libs/inventory/application/src/commands/archive-stock-item';
    expect(tree.children(folder).sort()).toEqual([
      'archive-stock-item.command.ts',
      'archive-stock-item.handler.spec.ts',
      'archive-stock-item.handler.ts',
    ]);
    expect(read('libs/inventory/domain/src/stock-item.ts')).toContain("this.recordEvent({ type: 'StockItemArchived' }");
    expect(read('libs/inventory/domain/src/stock-item.events.ts')).toContain('StockItemCreated | StockItemArchived');
    expect(read('libs/inventory/contracts/src/inventory-events.v1.ts')).toContain(
      "type: 'inventory.stock-item-archived'",
    );
    expect(read('libs/inventory/application/src/inventory-application.ts')).toContain('ArchiveStockItemHandler');
    const routes = read('libs/inventory/interface/src/rest/stock-items-commands.controller.ts');
    expect(routes).toContain("@ChangeOperation('archive'");
    expect(read('libs/inventory/interface/src/inventory-controllers.ts')).toContain('StockItemsCommandsController');
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain(
      'rpc ArchiveStockItem (StockItemVersionRequest) returns (StockItemRef);',
    );
    expect(read('libs/inventory/interface/src/grpc/stock-item-grpc.controller.ts')).toContain(
      'new ArchiveStockItemCommand(target)',
    );
  });

  it('a second command on the same aggregate shares its version request; one with the same verb is refused', async () => {
    await commandGenerator(tree, { name: 'archive-stock-item', context: 'inventory' });
    await commandGenerator(tree, { name: 'restore-stock-item', context: 'inventory' });
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain(
      'rpc RestoreStockItem (StockItemVersionRequest) returns (StockItemRef);',
    );
    expect(
      read('libs/inventory/interface/src/grpc/stock-item-grpc.schemas.ts').match(
        /export const StockItemVersionRequest/g,
      ),
    ).toHaveLength(1);
    await expect(
      commandGenerator(tree, { name: 'archive-old-stock-item', context: 'inventory', event: 'StockItemFiled' }),
    ).rejects.toThrow('StockItem has a method archive() already');
  });

  it.each([
    ['archive', 'archived'],
    ['apply', 'applied'],
    ['stop', 'stopped'],
    ['pay', 'paid'],
    ['cancel', 'canceled'],
    ['approve', 'approved'],
    ['ship', 'shipped'],
    ['reserve', 'reserved'],
  ])('names the event of %s in the past: %s', (verb, past) => expect(pastTense(verb)).toBe(past));

  it('a query: the finder in the port, in SQL and in memory, the route and the rpc', async () => {
    await queryGenerator(tree, { name: 'find-stock-items-by-name', context: 'inventory', field: 'name' });
    expect(read('libs/inventory/application/src/ports/stock-item-read-model.ts')).toContain(
      'findByName(name: string): Promise<StockItemView[]>;',
    );
    expect(read('libs/inventory/infrastructure/src/persistence/pg-stock-item.read-model.ts')).toContain(
      'SELECT * FROM stock_items WHERE name = $1',
    );
    expect(read('libs/inventory/application/src/testing/in-memory-stock-item.read-model.ts')).toContain(
      'view.name === name',
    );
    expect(read('libs/inventory/interface/src/rest/stock-items.controller.ts')).toContain("@Get('by-name/:name')");
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain('message StockItemList {');
  });

  it('an event: the domain event, its v1 contract among the published ones, and its mapping', async () => {
    await eventGenerator(tree, { name: 'StockItemRecounted', context: 'inventory' });
    expect(read('libs/inventory/contracts/src/inventory-events.v1.ts')).toMatch(
      /inventoryEventContracts = \[StockItemCreatedV1, StockItemRecountedV1\]/,
    );
    expect(read('libs/inventory/infrastructure/src/persistence/stock-item.table.ts')).toContain(
      "case 'StockItemRecounted':",
    );
  });

  it.each([
    [() => commandGenerator(tree, { name: 'archive-stock-item', context: 'nowhere' }), 'no context named "nowhere"'],
    [() => commandGenerator(tree, { name: 'Archive', context: 'inventory' }), '"Archive" is not a use-case name'],
    [
      () => queryGenerator(tree, { name: 'find-by-colour', context: 'inventory', field: 'colour' }),
      'StockItemView has no text field "colour"',
    ],
    [
      () => eventGenerator(tree, { name: 'Recounted', context: 'inventory' }),
      '"Recounted" is not an event of StockItem',
    ],
    [() => eventGenerator(tree, { name: 'StockItemCreated', context: 'inventory' }), 'StockItemCreated exists already'],
    [
      () => {
        // The client context is hand-written: its files are not where the generators put them.
        for (const file of ['libs/client/domain/src/client.events.ts', 'libs/client/contracts/src/client-events.v1.ts'])
          tree.write(file, readFileSync(resolve(__dirname, '../../../..', file), 'utf8'));
        return commandGenerator(tree, { name: 'suspend-client', context: 'client' });
      },
      'libs/client/infrastructure/src/persistence/client.table.ts is missing',
    ],
  ])('refuses, with the reason, and writes nothing: %#', async (generate, message) => {
    const snapshot = () => tree.listChanges().map((change) => [change.path, change.content?.toString()]);
    const before = snapshot();
    await expect(generate()).rejects.toThrow(message);
    // Nx writes nothing of a generator that throws; what it changed in the tree so far is the generator's own.
    if (!message.includes('client.table')) expect(snapshot()).toEqual(before);
  });
});
