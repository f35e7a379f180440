import { Tree } from '@nx/devkit';
import { typeCheck } from '../../testing/type-check';
import { workspaceTree } from '../../testing/workspace-tree';
import { boundedContextGenerator } from '../bounded-context/bounded-context';
import { commandGenerator } from '../command/command';
import { aggregateGenerator } from './aggregate';

describe('aggregate generator', () => {
  let tree: Tree;
  // Prettier does not run under Jest (formatFiles warns and leaves the files as written): compare words, not layout.
  const read = (path: string) => (tree.read(`libs/inventory/${path}`, 'utf-8') ?? '').replace(/\s+/g, ' ');
  beforeEach(async () => {
    tree = workspaceTree();
    await boundedContextGenerator(tree, { name: 'inventory', aggregate: 'StockItem', fields: 'label:string' });
    await aggregateGenerator(tree, {
      name: 'Supplier',
      context: 'inventory',
      fields: 'companyName:string status:enum(ACTIVE,BLOCKED)',
    });
  });

  it('writes its own model, table, routes and rpc beside the first aggregate’s, which stay as they were', () => {
    for (const file of [
      'domain/src/supplier.ts',
      'domain/src/supplier-id.ts',
      'domain/src/supplier.events.ts',
      'contracts/src/supplier-events.v1.ts',
      'application/src/commands/create-supplier/create-supplier.handler.spec.ts',
      'application/src/queries/list-suppliers/list-suppliers.handler.ts',
      'infrastructure/src/persistence/supplier.table.ts',
      'infrastructure/src/persistence/pg-supplier.repository.int-spec.ts',
      'interface/src/rest/suppliers.controller.ts',
      'interface/src/grpc/supplier-grpc.controller.ts',
    ])
      expect(tree.exists(`libs/inventory/${file}`)).toBe(true);
    expect(read('domain/src/stock-item.ts')).toContain('label: string;');
    expect(read('domain/src/supplier.ts')).toContain('companyName: string;');
    expect(
      read('infrastructure/src/migrations/' + tree.children('libs/inventory/infrastructure/src/migrations')[1]),
    ).toContain('CREATE TABLE suppliers');
  });

  it('its own gRPC service in the context’s package, served by the service; its events under its aggregate type', () => {
    const proto = read('contracts/src/proto/inventory.proto');
    expect(proto).toContain('service StockItemService {');
    expect(proto).toContain(
      'service SupplierService { rpc CreateSupplier (CreateSupplierRequest) returns (SupplierRef);',
    );
    expect(proto.match(/^syntax/gm)).toHaveLength(1);
    expect(read('contracts/src/inventory-proto.ts')).toContain(
      "export const SUPPLIER_GRPC_SERVICE = 'SupplierService';",
    );
    expect(read('interface/src/grpc/supplier-grpc.controller.ts')).toContain(
      "@GrpcMethod(SUPPLIER_GRPC_SERVICE, 'CreateSupplier')",
    );
    const service = (tree.read('apps/inventory-service/src/inventory-service.ts', 'utf-8') ?? '').replace(/\s+/g, ' ');
    expect(service).toContain('services: [INVENTORY_GRPC_SERVICE, SUPPLIER_GRPC_SERVICE]');
    expect(service).toContain("restPaths: ['/stock-items', '/suppliers']");
    const events = read('contracts/src/supplier-events.v1.ts');
    expect(events).toContain("aggregateType: 'supplier'");
    expect(events).toContain('export const supplierEventContracts = [SupplierCreatedV1] as const;');
    expect(read('contracts/src/inventory-events.v1.ts')).toContain(
      'inventoryEventContracts = [StockItemCreatedV1, ...supplierEventContracts]',
    );
  });

  it('is registered where the context lists its parts: providers, controllers, migrations, adapters, exports', () => {
    expect(read('domain/src/index.ts')).toContain("export * from './supplier';");
    expect(read('application/src/inventory-application.ts')).toContain(
      'SupplierChanges, CreateSupplierHandler, GetSupplierHandler, ListSuppliersHandler',
    );
    expect(read('application/src/index.ts')).toContain("export * from './ports/supplier-read-model';");
    expect(read('interface/src/inventory-controllers.ts')).toContain('SuppliersController, SupplierGrpcController');
    expect(read('infrastructure/src/inventory-database.ts')).toMatch(
      /migrations: \[\.\.\.platformMigrations, CreateStockItems\d+, CreateSuppliers\d+\]/,
    );
    const module = read('infrastructure/src/inventory-infrastructure.module.ts');
    expect(module).toContain('{ provide: SUPPLIER_READ_MODEL, useClass: PgSupplierReadModel }');
    expect(module).toContain('supplierTable(clock)');
    expect(module).toContain('SUPPLIER_REPOSITORY, SUPPLIER_READ_MODEL');
  });

  it('takes commands of its own: the rpc in its service, the event in its contracts', async () => {
    await commandGenerator(tree, {
      name: 'block-supplier',
      context: 'inventory',
      aggregate: 'Supplier',
      to: 'BLOCKED',
    });
    expect(read('contracts/src/proto/inventory.proto')).toMatch(
      /service SupplierService \{[^}]*rpc BlockSupplier \(SupplierVersionRequest\) returns \(SupplierRef\);/,
    );
    expect(read('interface/src/grpc/supplier-grpc.controller.ts')).toContain(
      "@GrpcMethod(SUPPLIER_GRPC_SERVICE, 'BlockSupplier')",
    );
    expect(read('contracts/src/supplier-events.v1.ts')).toContain('[SupplierCreatedV1, SupplierBlockedV1]');
  });

  it.each([
    [{ name: 'StockItem' }, 'StockItem exists already in inventory'],
    [{ context: 'nowhere' }, 'no context named "nowhere"'],
    [{ context: 'client' }, 'libs/client was not generated with @bascule/plugin'],
    [{ fields: 'total:float' }, 'unknown type "float"'],
  ])('refuses %j: %s', async (options, message) => {
    await expect(aggregateGenerator(tree, { name: 'Warehouse', context: 'inventory', ...options })).rejects.toThrow(
      message,
    );
  });

  it('writes code that compiles, beside the first aggregate', () => {
    expect(typeCheck(tree)).toEqual([]);
  });
});
