import { Tree } from '@nx/devkit';
import { typeCheck } from '../../testing/type-check';
import { workspaceTree } from '../../testing/workspace-tree';
import { boundedContextGenerator } from '../bounded-context/bounded-context';
import { queryGenerator } from '../query/query';
import { entityGenerator } from './entity';

describe('entity generator', () => {
  let tree: Tree;
  // Prettier does not run under Jest (formatFiles warns and leaves the files as written): compare words, not layout.
  const read = (path: string) => (tree.read(`libs/orders/${path}`, 'utf-8') ?? '').replace(/\s+/g, ' ');
  const line = () =>
    entityGenerator(tree, {
      name: 'OrderLine',
      context: 'orders',
      aggregate: 'Order',
      fields: 'sku:string quantity:int unitPrice:money kind:enum(GOODS,SERVICE) note:text? due:date?',
    });
  beforeEach(async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, {
      name: 'orders',
      aggregate: 'Order',
      fields: 'reference:string total:money status:enum(DRAFT,PLACED)',
    });
  });

  it('writes code that compiles: the entity, the root’s collection, commands, table, view and edges', async () => {
    await line();
    expect(typeCheck(tree)).toEqual([]);
  });

  it('writes the entity, the root’s collection and its add/remove methods, which record only on change', async () => {
    await line();
    for (const file of [
      'domain/src/order-line.ts',
      'domain/src/order-line.spec.ts',
      'application/src/commands/add-order-line/add-order-line.handler.spec.ts',
      'application/src/commands/remove-order-line/remove-order-line.handler.ts',
      'application/src/testing/order-line.fixtures.ts',
      'infrastructure/src/persistence/order-line.table.ts',
      'infrastructure/src/persistence/pg-order-line.children.int-spec.ts',
    ])
      expect(tree.exists(`libs/orders/${file}`)).toBe(true);
    const entity = read('domain/src/order-line.ts');
    expect(entity).toContain('export class OrderLine extends Entity<OrderLineId>');
    expect(entity).toContain('export type OrderLineKind = (typeof ORDER_LINE_KIND_VALUES)[number];');
    expect(entity).toContain('private static check(_state: OrderLineState): void');
    expect(entity).toContain('this.state.unitPrice.equals(other.state.unitPrice)');
    const root = read('domain/src/order.ts');
    expect(root).toContain('private currentOrderLines: OrderLine[] = []');
    expect(root).toContain('get orderLines(): readonly OrderLine[]');
    expect(root).toContain('if (present?.sameAs(added)) return;');
    expect(root).toContain('if (present) throw new OrderLineIdTaken(this.id.value, orderLineId);');
    expect(root).toContain('if (next.length === this.currentOrderLines.length) return;');
    expect(read('domain/src/order.errors.ts')).toContain("code = 'ORDER.ORDER_LINE_ID_TAKEN'");
    expect(read('domain/src/order.events.ts')).toContain('OrderCreated | OrderLineAdded | OrderLineRemoved');
  });

  it('--no-use-cases: no add-/remove- commands, routes or rpcs (the root’s own use cases build the collection); it compiles', async () => {
    await entityGenerator(tree, {
      name: 'OrderLine',
      context: 'orders',
      aggregate: 'Order',
      fields: 'sku:string quantity:int',
      useCases: false,
    });
    for (const useCase of ['add-order-line', 'remove-order-line'])
      expect(tree.exists(`libs/orders/application/src/commands/${useCase}`)).toBe(false);
    expect(read('interface/src/rest/orders-commands.controller.ts')).not.toContain('add-order-line');
    expect(tree.read('libs/orders/contracts/src/proto/orders.proto', 'utf-8')).not.toContain('rpc AddOrderLine');
    expect(tree.exists('libs/orders/domain/src/order-line.ts')).toBe(true);
    expect(read('domain/src/order.ts')).toContain('get orderLines(): readonly OrderLine[]');
    expect(typeCheck(tree)).toEqual([]);
  });

  it('stores the children in their table under the root’s version, and answers them in the root’s view', async () => {
    await line();
    const table = read('infrastructure/src/persistence/order.table.ts');
    expect(table).toContain('children: [orderLineTable]');
    expect(table).toContain('children.of(orderLineTable).map(orderLineOf)');
    const migration = tree
      .children('libs/orders/infrastructure/src/migrations')
      .find((file) => file.endsWith('create-order-lines.ts'));
    expect(read(`infrastructure/src/migrations/${migration}`)).toContain(
      'order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE',
    );
    expect(read(`infrastructure/src/migrations/${migration}`)).toContain('PRIMARY KEY (order_id, order_line_id)');
    expect(read('infrastructure/src/orders-database.ts')).toMatch(/CreateOrders\d+, CreateOrderLines\d+\]/);
    expect(read('application/src/ports/order-read-model.ts')).toContain('orderLines: OrderLineView[];');
    expect(read('infrastructure/src/persistence/pg-order.read-model.ts')).toContain(
      'SELECT * FROM order_lines WHERE order_id = ANY($1) ORDER BY order_id, position',
    );
    expect(read('infrastructure/src/persistence/pg-order.read-model.ts')).toContain(
      'orderLineRows = await executorOf(this.pool).query<OrderLineRow>(',
    );
    expect(read('interface/src/rest/order.schemas.ts')).toContain('orderLines: Type.Array(OrderLineSchema)');
    const proto = read('contracts/src/proto/orders.proto');
    expect(proto).toContain('repeated OrderLine order_lines = 8;');
    expect(proto).toContain('message OrderLine { string id = 1; string sku = 2; int32 quantity = 3;');
    expect(proto).toContain('rpc AddOrderLine (AddOrderLineRequest) returns (OrderRef);');
    expect(proto).toContain('rpc RemoveOrderLine (RemoveOrderLineRequest) returns (OrderRef);');
    expect(read('interface/src/rest/orders-commands.controller.ts')).toContain("@ChangeOperation('remove-order-line'");
  });

  it('a second collection and a later query still compile', async () => {
    await line();
    await entityGenerator(tree, { name: 'Parcel', context: 'orders', fields: 'weight:int carrier:enum(UPS,DHL)?' });
    await queryGenerator(tree, { name: 'find-orders-by-reference', context: 'orders', field: 'reference' });
    expect(read('infrastructure/src/persistence/order.table.ts')).toContain('children: [orderLineTable, parcelTable]');
    expect(read('domain/src/parcel.ts')).toContain('export type OrderParcelCarrier');
    expect(typeCheck(tree)).toEqual([]);
  });

  it.each([
    [{ name: 'OrderLine', fields: '' }, 'an entity holds values'],
    [{ name: 'OrderLine', fields: 'position:int' }, 'field "position" is reserved by the child table'],
    [{ name: 'Order', fields: 'sku:string' }, 'Order is the aggregate root itself'],
    [{ name: 'orderLine', fields: 'sku:string' }, '"orderLine" is not an aggregate name'],
  ])('refuses %j: %s', async (options, message) => {
    await expect(entityGenerator(tree, { context: 'orders', ...options })).rejects.toThrow(message);
  });

  it('refuses an entity it has already', async () => {
    await line();
    await expect(line()).rejects.toThrow('libs/orders/domain/src/order-line.ts exists already');
  });

  it('samples the root’s uuid and date fields as such in the specs on PostgreSQL', async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, { name: 'orders', aggregate: 'Order', fields: 'ref:uuid placedOn:date' });
    await line();
    const spec = read('infrastructure/src/persistence/pg-order-line.children.int-spec.ts');
    expect(spec).toContain("ref: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000'");
    expect(spec).toContain("placedOn: '2026-03-01'");
  });
});
