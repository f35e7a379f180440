import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import { typeCheck } from '../../testing/type-check';
import { json, workspaceTree } from '../../testing/workspace-tree';
import { boundedContextGenerator } from './bounded-context';

describe('bounded-context generator', () => {
  let tree: Tree;
  beforeEach(() => (tree = workspaceTree()));
  const generate = (options: Partial<Parameters<typeof boundedContextGenerator>[1]> = {}) =>
    boundedContextGenerator(tree, { name: 'inventory', aggregate: 'StockItem', ...options });

  it('writes the five layer libraries tagged by scope and layer, and the service', async () => {
    await generate();
    for (const layer of ['domain', 'contracts', 'application', 'infrastructure', 'interface'])
      expect(json(tree, `libs/inventory/${layer}/project.json`).tags).toEqual(['scope:inventory', `layer:${layer}`]);
    expect(json(tree, 'apps/inventory-service/project.json').tags).toEqual(['scope:inventory', 'layer:app']);
    for (const file of [
      'libs/inventory/domain/src/stock-item.ts',
      'libs/inventory/domain/src/stock-item.spec.ts',
      'libs/inventory/contracts/src/inventory-events.v1.ts',
      'libs/inventory/contracts/src/proto/inventory.proto',
      'libs/inventory/application/src/commands/create-stock-item/create-stock-item.handler.spec.ts',
      'libs/inventory/application/src/queries/get-stock-item/get-stock-item.handler.ts',
      'libs/inventory/application/src/queries/list-stock-items/list-stock-items.handler.ts',
      'libs/inventory/infrastructure/src/persistence/stock-item.table.ts',
      'libs/inventory/interface/src/rest/stock-items.controller.ts',
      'libs/inventory/interface/src/grpc/stock-item-grpc.controller.ts',
      'apps/inventory-service/src/main.ts',
      'apps/inventory-service/test/inventory-service.e2e-spec.ts',
      'apps/inventory-service/catalog-info.yaml',
      'docker/inventory-service.Dockerfile',
    ])
      expect(tree.exists(file)).toBe(true);
    expect(tree.children('libs/inventory/infrastructure/src/migrations')).toEqual([
      expect.stringMatching(/^\d{13}-create-stock-items\.ts$/),
    ]);
  });

  it('lists by keyset cursor, never by OFFSET: a deep page costs what the first one does (ADR 0034)', async () => {
    await generate();
    const list = tree.read('libs/inventory/infrastructure/src/persistence/pg-stock-item.read-model.ts', 'utf-8')!;
    expect(list).toContain('WHERE (created_at, id) > (SELECT created_at, id FROM stock_items WHERE id = $2)');
    expect(list).toContain('ORDER BY created_at, id LIMIT $1');
    expect(list).not.toMatch(/\bOFFSET\b/i);
    // get() joins the caller's transaction: a creation under an Idempotency-Key reads what it has not committed yet.
    expect(list).toContain("executorOf(this.pool).query<StockItemRow>('SELECT * FROM stock_items WHERE id = $1'");
  });

  it('gives the context a manifest with the next free ports, its database, topics and roles', async () => {
    await generate();
    expect(json(tree, 'apps/inventory-service/context.manifest.json')).toMatchObject({
      kind: 'context',
      name: 'inventory',
      service: 'inventory-service',
      envPrefix: 'INVENTORY',
      httpPort: 3002,
      grpcPort: 50052,
      database: 'bascule_inventory',
      databaseRole: 'bascule_inventory_service',
      topics: [expect.objectContaining({ name: 'inventory.events.v1', partitions: 6 })],
      legacyTables: [],
      roles: [
        expect.objectContaining({ name: 'inventory:read' }),
        expect.objectContaining({ name: 'inventory:write' }),
      ],
    });
  });

  it('names the REST routes, the rpc and the event after the aggregate', async () => {
    await generate();
    const controller = tree.read('libs/inventory/interface/src/rest/stock-items.controller.ts', 'utf-8')!;
    expect(controller).toContain("@Controller('stock-items')");
    expect(controller).toContain("@Roles('inventory:write')");
    const proto = tree.read('libs/inventory/contracts/src/proto/inventory.proto', 'utf-8')!;
    expect(proto).toContain('package bascule.inventory.v1;');
    expect(proto).toContain('rpc CreateStockItem (CreateStockItemRequest) returns (StockItemRef);');
    expect(tree.read('libs/inventory/contracts/src/inventory-events.v1.ts', 'utf-8')).toContain(
      "type: 'inventory.stock-item-created'",
    );
  });

  it('adds the path aliases, and what the manifests give: Kubernetes, compose, the realm roles and audience', async () => {
    await generate();
    expect(json(tree, 'tsconfig.base.json').compilerOptions.paths['@bascule/inventory/application']).toEqual([
      'libs/inventory/application/src/index.ts',
    ]);
    expect(tree.read('k8s/inventory-service.yaml', 'utf-8')).toContain('containerPort: 3002');
    expect(tree.read('docker/compose.yaml', 'utf-8')).toContain('inventory-service:');
    const realm = json(tree, 'tools/infra/keycloak/realm-bascule.json');
    expect(realm.roles.realm.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['inventory:read', 'inventory:write']),
    );
    const account = realm.users.find((u: { username: string }) => u.username === 'service-account-bascule-demo');
    expect(account.realmRoles).toEqual(expect.arrayContaining(['inventory:read', 'inventory:write']));
    const demo = realm.clients.find((c: { clientId: string }) => c.clientId === 'bascule-demo');
    expect(
      demo.protocolMappers.map((m: { config: Record<string, string> }) => m.config['included.client.audience']),
    ).toContain('inventory-service');
  });

  it('serves the context as the hand-written client-service is served: local secrets, NODE_ENV, SWC_NODE_PROJECT', async () => {
    await generate();
    const client = JSON.parse(
      readFileSync(resolve(__dirname, '../../../../../apps/client-service/project.json'), 'utf8'),
    );
    const serve = json(tree, 'apps/inventory-service/project.json').targets.serve;
    expect(JSON.stringify(serve).replaceAll('inventory-service', 'client-service')).toBe(
      JSON.stringify(client.targets.serve),
    );
  });

  it('takes the ports asked for, and refuses one another service has', async () => {
    await generate({ httpPort: 3100, grpcPort: 50100 });
    expect(json(tree, 'apps/inventory-service/context.manifest.json')).toMatchObject({
      httpPort: 3100,
      grpcPort: 50100,
    });
    await expect(generate({ name: 'billing', httpPort: 3001 })).rejects.toThrow('port 3001 is taken by client-service');
    await expect(generate({ name: 'billing', grpcPort: 50100 })).rejects.toThrow(
      'port 50100 is taken by inventory-service',
    );
  });

  it('with --legacy-table, wires the legacy sync: a translator in the ACL from the legacy schema, its key map, the command', async () => {
    await generate({ legacyTable: 'STOCK' });
    expect(json(tree, 'apps/inventory-service/context.manifest.json').legacyTables).toEqual([
      expect.objectContaining({ table: 'STOCK' }),
    ]);
    const capture = tree.read('libs/anti-corruption/src/inventory/legacy-stock.capture.ts', 'utf-8')!;
    expect(capture).toContain("textKey('REF_ARTICLE')");
    expect(capture).toContain('QTE_RESERVEE: number | null;');
    expect(capture).toContain('change.row.LIBELLE?.trim() || String(change.key)');
    expect(tree.exists('libs/anti-corruption/src/inventory/legacy-stock.capture.spec.ts')).toBe(true);
    expect(tree.read('libs/anti-corruption/src/index.ts', 'utf-8')).toContain(
      "export * from './inventory/legacy-stock.capture';",
    );
    const sync = tree.read('libs/inventory/infrastructure/src/legacy/legacy-stock.sync.ts', 'utf-8')!;
    expect(sync).toContain("keyMap: { table: 'legacy_stock_keys', keyType: 'text' }");
    expect(tree.read('libs/inventory/domain/src/stock-item.ts', 'utf-8')).toContain('rename(name: string): void');
    expect(
      tree.exists(
        'libs/inventory/application/src/commands/sync-stock-item-from-legacy/sync-stock-item-from-legacy.handler.spec.ts',
      ),
    ).toBe(true);
  });

  it('names an aggregate from a text column, never a numeric one, falling back to its key; a key map of its key type', async () => {
    await generate({ legacyTable: 'FACTURES' });
    const capture = tree.read('libs/anti-corruption/src/inventory/legacy-factures.capture.ts', 'utf-8')!;
    expect(capture).toContain("integerKey('NO_FACTURE')");
    expect(capture).toContain('change.row.DATE_FACTURE?.trim() || String(change.key)');
    expect(capture).not.toContain('MONTANT_HT?.trim');
    expect(tree.read('libs/inventory/infrastructure/src/legacy/legacy-factures.sync.ts', 'utf-8')).toContain(
      "keyType: 'integer'",
    );
  });

  it('with --legacy-table, types each column as the connector sends it (the ACL’s rule): timestamptz a text, masked a text, excluded absent', async () => {
    const connector = 'tools/infra/connect/legacy-connector.json';
    tree.write(connector, readFileSync(resolve(__dirname, '../../../../..', connector), 'utf8'));
    const config = json(tree, connector);
    config.config['column.mask.with.12.chars'] += ',public.ENVOIS.CODE';
    config.config['column.exclude.list'] += ',public.ENVOIS.CACHE';
    tree.write(connector, JSON.stringify(config));
    const schema = 'apps/legacy-monolith/sql/schema.sql';
    tree.write(
      schema,
      `${tree.read(schema, 'utf-8')}\nCREATE TABLE IF NOT EXISTS "ENVOIS" (\n  "NO_ENVOI" bigint PRIMARY KEY,\n  "LIBELLE" varchar(40),\n  "CODE" integer,\n  "ENVOYE_LE" timestamptz NOT NULL,\n  "JOUR" date,\n  "CACHE" text\n);\n`,
    );
    const legacy = json(tree, 'apps/legacy-monolith/context.manifest.json');
    legacy.capture.tables.push('ENVOIS');
    tree.write('apps/legacy-monolith/context.manifest.json', JSON.stringify(legacy));
    await generate({ legacyTable: 'ENVOIS' });
    const capture = tree.read('libs/anti-corruption/src/inventory/legacy-envois.capture.ts', 'utf-8')!;
    expect(capture).toContain('ENVOYE_LE: string;');
    expect(capture).toContain('CODE: string | null;');
    expect(capture).toContain('JOUR: number | null;');
    expect(capture).not.toContain('CACHE');
    expect(capture).toContain("integerKey('NO_ENVOI')");
  });

  it('with no --fields, the aggregate has its id, version and timestamps only: no placeholder field', async () => {
    await generate();
    expect(tree.exists('libs/inventory/domain/src/stock-item-name.ts')).toBe(false);
    expect(tree.read('libs/inventory/domain/src/stock-item.ts', 'utf-8')).toContain(
      'export type StockItemState = Record<never, never>;',
    );
    const migration = tree.children('libs/inventory/infrastructure/src/migrations')[0];
    const sql = tree.read(`libs/inventory/infrastructure/src/migrations/${migration}`, 'utf-8')!;
    expect(sql).not.toMatch(/\bname\s+text/);
    expect(tree.read('libs/inventory/contracts/src/proto/inventory.proto', 'utf-8')).toMatch(
      /message CreateStockItemRequest \{\s*\}/,
    );
  });

  describe('with --fields, each field typed through every layer', () => {
    const fields =
      'label:string note:text? quantity:int active:boolean supplierId:uuid? dueOn:date countedAt:timestamp price:money status:enum(DRAFT,ON_HOLD)';
    const read = (path: string) => tree.read(`libs/inventory/${path}`, 'utf-8')!;
    beforeEach(() => generate({ fields }));

    it('the domain: its state with value types, the enum as a union of its values', () => {
      const aggregate = read('domain/src/stock-item.ts');
      expect(aggregate).toContain("export const STOCK_ITEM_STATUS_VALUES = ['DRAFT', 'ON_HOLD'] as const;");
      expect(aggregate).toContain('export type StockItemStatus = (typeof STOCK_ITEM_STATUS_VALUES)[number];');
      for (const line of [
        'label: string;',
        'note: string | null;',
        'quantity: number;',
        'active: boolean;',
        'supplierId: string | null;',
        'dueOn: string;',
        'countedAt: Date;',
        'price: Money;',
        'status: StockItemStatus;',
      ])
        expect(aggregate).toContain(line);
      const handler = read('application/src/commands/create-stock-item/create-stock-item.handler.ts');
      expect(handler).toContain('note: data.note ?? null,');
      expect(handler).toContain('countedAt: new Date(data.countedAt),');
      expect(handler).toContain('price: Money.fromJSON(data.price),');
    });

    it('TypeBox: the body refuses what the domain could not take; the answer shows optional fields as null', () => {
      const schemas = read('interface/src/rest/stock-item.schemas.ts');
      expect(schemas).toContain("import { MoneySchema } from '@bascule/shared/contracts';");
      expect(schemas).toContain('label: Type.String({ minLength: 1, maxLength: 200 }),');
      expect(schemas).toContain('note: Type.Optional(Type.String({ maxLength: 10_000 })),');
      expect(schemas).toContain("dueOn: Type.String({ format: 'date' }),");
      expect(schemas).toContain('price: moneyRules,');
      expect(schemas).toContain(
        'const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });',
      );
      expect(schemas).toContain("status: Type.Union([Type.Literal('DRAFT'), Type.Literal('ON_HOLD')]),");
      expect(schemas).toContain('note: Type.Union([Type.String(), Type.Null()]),');
      expect(read('contracts/src/inventory-events.v1.ts')).toContain(
        "supplierId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),",
      );
    });

    it('proto: the fields in the message and the create request, money as the shared message', () => {
      const proto = read('contracts/src/proto/inventory.proto');
      expect(proto).toContain('import "bascule/shared/v1/money.proto";');
      expect(proto).toContain('optional string note = 4;');
      expect(proto).toContain('bascule.shared.v1.Money price = 10;');
      expect(proto).toContain('string created_at = 12;');
      expect(proto).toMatch(/message CreateStockItemRequest \{\n {2}string label = 1;\n {2}optional string note = 2;/);
    });

    it('PostgreSQL: a column per field (money two), NOT NULL unless optional, the enum checked', () => {
      const migration = tree.children('libs/inventory/infrastructure/src/migrations')[0];
      const sql = read(`infrastructure/src/migrations/${migration}`);
      for (const column of [
        'label text NOT NULL',
        'note text,',
        'quantity integer NOT NULL',
        'supplier_id uuid,',
        'due_on date NOT NULL',
        'counted_at timestamptz NOT NULL',
        'price_amount bigint NOT NULL',
        'price_currency char(3) NOT NULL',
        "status text NOT NULL CHECK (status IN ('DRAFT', 'ON_HOLD'))",
      ])
        expect(sql).toContain(column);
      const table = read('infrastructure/src/persistence/stock-item.table.ts');
      expect(table).toContain("price_amount: 'bigint'");
      expect(table).toContain('price: priceColumns.fromRow(row),');
      expect(table).toContain("export const priceColumns = new MoneyColumns('price');");
      expect(table).toContain('dueOn: localDate(row.due_on),');
    });

    it('fixtures: the generated tests send and expect a value of each field', () => {
      const e2e = tree.read('apps/inventory-service/test/inventory-service.e2e-spec.ts', 'utf-8')!;
      expect(e2e).toContain("price: { amount: 1250, currency: 'EUR' }");
      expect(e2e).toContain("status: 'DRAFT'");
      expect(read('application/src/testing/in-memory-stock-item.read-model.ts')).toContain("dueOn: '2026-03-01',");
    });
  });

  it.each([
    ['label:float', 'field "label": unknown type "float"'],
    ['label:string label:text', 'field "label" is given twice'],
    ['version:int', 'field "version" is reserved'],
    ['status:enum()', 'an enum needs its values'],
  ])('refuses --fields %j before writing anything: %s', async (fields, message) => {
    const before = tree.listChanges().length;
    await expect(generate({ fields })).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('with --legacy-table, the row’s text is the name, and other fields must be optional', async () => {
    await expect(generate({ legacyTable: 'STOCK', fields: 'quantity:int' })).rejects.toThrow(
      'with --legacy-table, field "quantity" must be optional',
    );
    await generate({ legacyTable: 'STOCK', fields: 'quantity:int?' });
    expect(tree.read('libs/inventory/domain/src/stock-item.ts', 'utf-8')).toContain('name: string;');
  });

  it('without --legacy-table, writes nothing of the legacy sync', async () => {
    await generate();
    expect(tree.exists('libs/inventory/infrastructure/src/legacy')).toBe(false);
    expect(tree.read('libs/inventory/domain/src/stock-item.ts', 'utf-8')).not.toContain('rename(');
  });

  it.each([
    [{ name: 'client' }, 'a context named "client" exists already'],
    [{ name: 'Inventory' }, '"Inventory" is not a context name'],
    [{ name: 'stock_items' }, '"stock_items" is not a context name'],
    [{ name: 'shared' }, '"shared" is reserved'],
    [{ aggregate: 'stockItem' }, '"stockItem" is not an aggregate name'],
    [{ aggregate: 'Case' }, '"Case" is a JavaScript reserved word'],
    [{ legacyTable: 'NOPE' }, 'legacy table "NOPE" is not captured; the captured tables are CLIENTS, COMMANDES'],
    [{ legacyTable: 'LIGNES_COMMANDE' }, 'legacy table "LIGNES_COMMANDE" has a composite key'],
  ])('refuses %j before writing anything: %s', async (options, message) => {
    const before = tree.listChanges().length;
    await expect(generate(options)).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
  });

  it('writes code that compiles: every field type, optional ones, in each layer', async () => {
    await boundedContextGenerator(tree, {
      name: 'inventory',
      aggregate: 'StockItem',
      fields:
        'label:string note:text? count:int active:boolean ref:uuid? due:date at:timestamp? price:money cost:money? status:enum(DRAFT,ACTIVE)',
    });
    expect(typeCheck(tree)).toEqual([]);
  });
});
