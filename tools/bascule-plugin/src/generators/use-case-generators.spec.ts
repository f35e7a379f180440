import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import { typeCheck } from '../testing/type-check';
import { workspaceTree } from '../testing/workspace-tree';
import { boundedContextGenerator } from './bounded-context/bounded-context';
import { commandGenerator, pastTense } from './command/command';
import { eventGenerator } from './event/event';
import { queryGenerator } from './query/query';

describe('command, query and event generators on a generated context', () => {
  let tree: Tree;
  // Prettier does not run under Jest (formatFiles warns and leaves the files as written): compare words, not layout.
  const read = (path: string) => (tree.read(path, 'utf-8') ?? '').replace(/\s+/g, ' ');
  beforeEach(async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, {
      name: 'inventory',
      aggregate: 'StockItem',
      fields: 'label:string price:money status:enum(DRAFT,ACTIVE,ARCHIVED)',
    });
  });
  const archive = (name = 'archive-stock-item') =>
    commandGenerator(tree, { name, context: 'inventory', from: 'DRAFT,ACTIVE', to: 'ARCHIVED' });

  it('a command: the aggregate method and its event, the handler and spec, the route with If-Match, the rpc', async () => {
    await archive();
    const folder = 'libs/inventory/application/src/commands/archive-stock-item';
    expect(tree.children(folder).sort()).toEqual([
      'archive-stock-item.command.ts',
      'archive-stock-item.handler.spec.ts',
      'archive-stock-item.handler.ts',
    ]);
    expect(read('libs/inventory/domain/src/stock-item.events.ts')).toContain('StockItemCreated | StockItemArchived');
    expect(read('libs/inventory/domain/src/stock-item.events.ts')).toContain(
      "export interface StockItemArchived extends DomainEvent<'StockItemArchived'> { status: StockItemStatus; }",
    );
    expect(read('libs/inventory/contracts/src/inventory-events.v1.ts')).toContain(
      "type: 'inventory.stock-item-archived'",
    );
    expect(read('libs/inventory/application/src/inventory-application.ts')).toContain('ArchiveStockItemHandler');
    expect(read('libs/inventory/application/src/index.ts')).toContain(
      "export * from './commands/archive-stock-item/archive-stock-item.command';",
    );
    const routes = read('libs/inventory/interface/src/rest/stock-items-commands.controller.ts');
    expect(routes).toContain("@ChangeOperation('archive-stock-item'");
    expect(routes).toContain('archiveStockItem(@ChangeRequest() { target }: ChangeRequest) {');
    expect(read('libs/inventory/interface/src/inventory-controllers.ts')).toContain('StockItemsCommandsController');
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain(
      'rpc ArchiveStockItem (StockItemVersionRequest) returns (StockItemRef);',
    );
    expect(read('libs/inventory/interface/src/grpc/stock-item-grpc.controller.ts')).toContain(
      'new ArchiveStockItemCommand(target)',
    );
  });

  it('a guarded command: refused outside --from with a stable code (409), the state set by --to, an event only on change', async () => {
    await archive();
    const aggregate = read('libs/inventory/domain/src/stock-item.ts');
    expect(aggregate).toContain('archiveStockItem(): void {');
    expect(aggregate).toContain("if (!(['DRAFT', 'ACTIVE'] as (string | null)[]).includes(this.state.status))");
    expect(aggregate).toContain(
      "throw new StockItemInvalidState(this.id.value, String(this.state.status), 'archive-stock-item');",
    );
    expect(aggregate).toContain("const next: StockItemState = { ...this.state, status: 'ARCHIVED' };");
    expect(aggregate).toContain('if (next.status === this.state.status) return;');
    expect(aggregate).toContain(
      "this.recordEvent({ type: 'StockItemArchived', status: next.status }, this.clock.now());",
    );
    const errors = read('libs/inventory/domain/src/stock-item.errors.ts');
    expect(errors).toContain('export class StockItemInvalidState extends DomainError {');
    expect(errors).toContain("readonly code = 'STOCK_ITEM.INVALID_STATE';");
    const spec = read('libs/inventory/application/src/commands/archive-stock-item/archive-stock-item.handler.spec.ts');
    expect(spec).toContain("setup(aStockItemState({ status: 'ARCHIVED' }))");
    expect(spec).toContain("code: 'STOCK_ITEM.INVALID_STATE'");
  });

  it('names come from the whole use case; its --fields are the body, set when the aggregate holds them, carried by the event', async () => {
    await commandGenerator(tree, {
      name: 'add-order-line',
      context: 'inventory',
      fields: 'label:string price:money reason:text?',
    });
    const aggregate = read('libs/inventory/domain/src/stock-item.ts');
    expect(aggregate).toContain('addOrderLine(change: { label: string; price: Money; reason: string | null }): void {');
    expect(aggregate).toContain('if (next.label === this.state.label && next.price.equals(this.state.price)) return;');
    expect(aggregate).toContain(
      "type: 'StockItemOrderLineAdded', label: change.label, price: change.price, reason: change.reason",
    );
    const routes = read('libs/inventory/interface/src/rest/stock-items-commands.controller.ts');
    expect(routes).toContain(
      "@ChangeOperation('add-order-line', { summary: 'Add order line', answer, body: AddOrderLineBody })",
    );
    expect(routes).toContain(
      'addOrderLine(@ChangeRequest(AddOrderLineBody) { target, body }: ChangeRequest<AddOrderLineBody>) {',
    );
    expect(read('libs/inventory/interface/src/rest/stock-item.schemas.ts')).toContain(
      'export const AddOrderLineBody = Type.Object(',
    );
    const proto = read('libs/inventory/contracts/src/proto/inventory.proto');
    expect(proto).toContain('rpc AddOrderLine (AddOrderLineRequest) returns (StockItemRef);');
    expect(proto).toContain('bascule.shared.v1.Money price = 4;');
    expect(read('libs/inventory/interface/src/grpc/stock-item-grpc.controller.ts')).toContain(
      'new AddOrderLineCommand(target, { label: request.label, price: request.price, reason: request.reason })',
    );
    expect(read('libs/inventory/application/src/commands/add-order-line/add-order-line.handler.ts')).toContain(
      'price: Money.fromJSON(data.price)',
    );
    expect(read('libs/inventory/infrastructure/src/persistence/stock-item.table.ts')).toContain(
      "case 'StockItemOrderLineAdded':",
    );
  });

  it('--role: the command needs that role over REST and gRPC, added to the manifest when it is new', async () => {
    await commandGenerator(tree, {
      name: 'archive-stock-item',
      context: 'inventory',
      from: 'DRAFT',
      to: 'ARCHIVED',
      role: 'inventory:admin',
    });
    const routes = read('libs/inventory/interface/src/rest/stock-items-commands.controller.ts');
    expect(routes).toContain("@Roles('inventory:admin') @ChangeOperation('archive-stock-item'");
    expect(read('libs/inventory/interface/src/grpc/stock-item-grpc.controller.ts')).toContain(
      "@GrpcMethod(INVENTORY_GRPC_SERVICE, 'ArchiveStockItem') @Roles('inventory:admin')",
    );
    const roles = JSON.parse(tree.read('apps/inventory-service/context.manifest.json', 'utf-8') ?? '{}').roles;
    expect(roles.map((r: { name: string }) => r.name)).toEqual([
      'inventory:read',
      'inventory:write',
      'inventory:admin',
    ]);
  });

  it('a second command on the same aggregate shares its version request; one with the same method is refused', async () => {
    await archive();
    await commandGenerator(tree, { name: 'activate-stock-item', context: 'inventory', from: 'DRAFT', to: 'ACTIVE' });
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain(
      'rpc ActivateStockItem (StockItemVersionRequest) returns (StockItemRef);',
    );
    expect(
      read('libs/inventory/interface/src/grpc/stock-item-grpc.schemas.ts').match(
        /export const StockItemVersionRequest/g,
      ),
    ).toHaveLength(1);
    await expect(
      commandGenerator(tree, {
        name: 'archive-stock-item',
        context: 'inventory',
        to: 'ARCHIVED',
        event: 'StockItemFiled',
      }),
    ).rejects.toThrow('libs/inventory/application/src/commands/archive-stock-item exists already');
  });

  it('a context that names its aggregates by another key (stock-items/:sku): a new command reuses its key', async () => {
    await archive();
    const edit = (path: string, from: string, to: string) => {
      const source = tree.read(path, 'utf-8')!;
      expect(source).toContain(from);
      tree.write(path, source.replace(from, to));
    };
    const rest = 'libs/inventory/interface/src/rest/stock-items-commands.controller.ts';
    edit(rest, "@Controller('stock-items/:id')", "@Controller('stock-items/:sku')");
    edit(rest, "summary: 'Archive stock item',", "summary: 'Archive stock item', key: SKU_KEY,");
    const grpc = 'libs/inventory/interface/src/grpc/stock-item-grpc';
    edit(
      `${grpc}.controller.ts`,
      '@RpcChange(StockItemVersionRequest)',
      '@RpcChange(StockItemVersionRequest, stockItemIdOf)',
    );
    tree.write(
      `${grpc}.schemas.ts`,
      `${tree.read(`${grpc}.schemas.ts`, 'utf-8')}\nconst change = { sku, expectedVersion: Type.Integer({ minimum: 1 }) };\n`,
    );
    await commandGenerator(tree, { name: 'relabel-stock-item', context: 'inventory', fields: 'label:string' });
    const routes = read(rest);
    expect(routes).toContain(
      "@ChangeOperation('relabel-stock-item', { summary: 'Relabel stock item', answer, body: RelabelStockItemBody, key: SKU_KEY })",
    );
    expect(routes).toContain('@ChangeRequest(RelabelStockItemBody, SKU_KEY)');
    expect(read(`${grpc}.controller.ts`)).toContain('@RpcChange(RelabelStockItemRequest, stockItemIdOf)');
    expect(read(`${grpc}.schemas.ts`)).toContain(
      'Type.Object({ ...change, label: Type.String({ minLength: 1, maxLength: 200 }) })',
    );
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain(
      'message RelabelStockItemRequest { string sku = 1; int32 expected_version = 2; string label = 3; }',
    );
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
    ['commit', 'committed'],
    ['submit', 'submitted'],
    ['restock', 'restocked'],
  ])('names the event of %s in the past: %s', (verb, past) => expect(pastTense(verb)).toBe(past));

  it('--adds: a command that adds its field to the aggregate’s (money or int), its event carrying the sum; compiles', async () => {
    await commandGenerator(tree, {
      name: 'raise-stock-item-price',
      context: 'inventory',
      fields: 'increase:money',
      adds: 'price:increase',
      event: 'StockItemPriceRaised',
    });
    const aggregate = read('libs/inventory/domain/src/stock-item.ts');
    expect(aggregate).toContain(
      'const next: StockItemState = { ...this.state, price: this.state.price.add(change.increase) };',
    );
    expect(aggregate).toContain('if (next.price.equals(this.state.price)) return;');
    expect(aggregate).toContain(
      "this.recordEvent({ type: 'StockItemPriceRaised', increase: change.increase, price: next.price },",
    );
    expect(
      read('libs/inventory/application/src/commands/raise-stock-item-price/raise-stock-item-price.handler.spec.ts'),
    ).toContain("price: Money.fromJSON({ amount: 2501, currency: 'EUR' })");
    expect(typeCheck(tree)).toEqual([]);
  });

  it.each([
    ['label:increase', 'label must be a required int or money field to add to'],
    ['price:nothing', '--adds price:nothing: <field of StockItem>:<field of --fields>'],
    ['price', '--adds price: <field of StockItem>:<field of --fields>'],
  ])('--adds %s is refused: %s', async (adds, message) => {
    await expect(
      commandGenerator(tree, { name: 'raise-stock-item-price', context: 'inventory', fields: 'increase:money', adds }),
    ).rejects.toThrow(message);
  });

  it('a query: the finder in the port, in SQL and in memory, the route and the rpc', async () => {
    await queryGenerator(tree, { name: 'find-stock-items-by-label', context: 'inventory', field: 'label' });
    expect(read('libs/inventory/application/src/ports/stock-item-read-model.ts')).toContain(
      'findByLabel(label: string): Promise<StockItemView[]>;',
    );
    expect(read('libs/inventory/infrastructure/src/persistence/pg-stock-item.read-model.ts')).toContain(
      'SELECT * FROM stock_items WHERE label = $1',
    );
    expect(read('libs/inventory/application/src/testing/in-memory-stock-item.read-model.ts')).toContain(
      'view.label === label',
    );
    expect(read('libs/inventory/interface/src/rest/stock-items.controller.ts')).toContain("@Get('by-label/:label')");
    expect(read('libs/inventory/contracts/src/proto/inventory.proto')).toContain('message StockItemList {');
  });

  it('an event: the domain event, its v1 contract among the published ones, and its mapping', async () => {
    await boundedContextGenerator(tree, {
      name: 'dispatch',
      aggregate: 'Parcel',
      fields: 'status:enum(OPEN,REFUSED) reason:text?',
    });
    // A required reason fills the optional one the aggregate holds (null until refused).
    await commandGenerator(tree, {
      name: 'refuse-parcel',
      context: 'dispatch',
      from: 'OPEN',
      to: 'REFUSED',
      fields: 'reason:text',
    });
    await eventGenerator(tree, { name: 'StockItemRecounted', context: 'inventory', fields: 'counted:int' });
    expect(read('libs/inventory/contracts/src/inventory-events.v1.ts')).toContain(
      'schema: Type.Object({ stockItemId, counted: Type.Integer() }, closed)',
    );
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
      () => commandGenerator(tree, { name: 'archive-stock-item', context: 'inventory' }),
      'the command would change nothing StockItem holds',
    ],
    [
      () => commandGenerator(tree, { name: 'close-stock-item', context: 'inventory', to: 'CLOSED' }),
      '--from/--to CLOSED: not values of one enum field of StockItem (status: DRAFT, ACTIVE, ARCHIVED)',
    ],
    [
      () => commandGenerator(tree, { name: 'reprice-stock-item', context: 'inventory', fields: 'price:int' }),
      'field "price" is Money in StockItem; the command gives it as int',
    ],
    [
      () => commandGenerator(tree, { name: 'relabel-stock-item', context: 'inventory', fields: 'label:string?' }),
      'field "label" is string in StockItem; the command gives it as string?',
    ],
    [
      () =>
        commandGenerator(tree, {
          name: 'archive-stock-item',
          context: 'inventory',
          to: 'ARCHIVED',
          role: 'client:write',
        }),
      '--role client:write: a role of the inventory context',
    ],
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
      'libs/client/domain/src/client.ts has no interface ClientState',
    ],
  ])('refuses, with the reason, and writes nothing: %#', async (generate, message) => {
    const snapshot = () => tree.listChanges().map((change) => [change.path, change.content?.toString()]);
    const before = snapshot();
    await expect(generate()).rejects.toThrow(message);
    // Nx writes nothing of a generator that throws; what it changed in the tree so far is the generator's own.
    if (!message.includes('ClientState')) expect(snapshot()).toEqual(before);
  });

  it('write code that compiles: a guarded command, one setting fields, a query, an event', async () => {
    await archive();
    await commandGenerator(tree, {
      name: 'reprice-stock-item',
      context: 'inventory',
      fields: 'price:money label:string reason:text? at:timestamp?',
    });
    await queryGenerator(tree, { name: 'find-stock-items-by-label', context: 'inventory', field: 'label' });
    await boundedContextGenerator(tree, {
      name: 'dispatch',
      aggregate: 'Parcel',
      fields: 'status:enum(OPEN,REFUSED) reason:text?',
    });
    // A required reason fills the optional one the aggregate holds (null until refused).
    await commandGenerator(tree, {
      name: 'refuse-parcel',
      context: 'dispatch',
      from: 'OPEN',
      to: 'REFUSED',
      fields: 'reason:text',
    });
    await eventGenerator(tree, { name: 'StockItemRecounted', context: 'inventory', fields: 'counted:int cost:money?' });
    expect(typeCheck(tree)).toEqual([]);
  });
});
