import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tree } from '@nx/devkit';
import { json, workspaceTree } from '../../testing/workspace-tree';
import { typeCheck } from '../../testing/type-check';
import { aggregateGenerator } from '../aggregate/aggregate';
import { boundedContextGenerator } from '../bounded-context/bounded-context';
import { entityGenerator } from '../entity/entity';
import { legacyTableGenerator } from './legacy-table';

const connector = 'tools/infra/connect/legacy-connector.json';

describe('legacy-table generator', () => {
  let tree: Tree;
  const read = (path: string) => tree.read(path, 'utf-8') ?? '';
  const acl = (file: string) => read(`libs/anti-corruption/src/dispatch/legacy-${file}.capture.ts`);
  const sync = 'libs/dispatch/infrastructure/src/legacy/legacy-consignments.sync.ts';
  const generate = (
    table: string,
    options: { parent?: string; context?: string; entity?: string; aggregate?: string; columns?: string } = {},
  ) => legacyTableGenerator(tree, { table, context: 'dispatch', ...options });

  beforeEach(async () => {
    tree = workspaceTree();
    tree.write(connector, readFileSync(resolve(__dirname, '../../../../..', connector), 'utf8'));
    await boundedContextGenerator(tree, {
      name: 'dispatch',
      aggregate: 'Consignment',
      fields: 'statut:string montantTotal:text? weight:int?',
    });
  });

  it('writes the row as Debezium sends it, its key, and a translator to the aggregate’s fields with a spec', async () => {
    await generate('COMMANDES');
    const capture = acl('commandes');
    expect(capture).toContain('export interface DispatchLegacyCommandesRow extends Record<string, unknown> {');
    expect(capture).toMatch(/NO_COMMANDE: number;/);
    expect(capture).toMatch(
      /`numeric\(12, 2\)`: the decimal as text \(exact\)\.\s*\*\/\s*MONTANT_TOTAL: string \| null;/,
    );
    expect(capture).toMatch(/DATE_COMMANDE: string \| null;/);
    expect(capture).toMatch(
      /debeziumTable<DispatchLegacyCommandesRow, number>\(\s*'COMMANDES',\s*integerKey\('NO_COMMANDE'\),?\s*\)/,
    );
    expect(capture).toContain("What the dispatch context's Consignment holds of a `COMMANDES` row");
    // By name (montantTotal ← MONTANT_TOTAL, statut ← STATUT); weight has no column and starts null.
    expect(capture).toMatch(/statut: row\.STATUT,\s*montantTotal: row\.MONTANT_TOTAL,/);
    expect(capture).toContain('not mapped yet: NO_COMMANDE, NO_CLIENT, DATE_COMMANDE');
    expect(read('libs/anti-corruption/src/dispatch/legacy-commandes.capture.spec.ts')).toMatch(
      /expect\(translateDispatchLegacyCommandes\(row\)\)\.toEqual\(\{\s*statut: 'STATUT-3',\s*montantTotal: 'MONTANT_TOTAL-4',/,
    );
    expect(read('libs/anti-corruption/src/index.ts')).toContain("export * from './dispatch/legacy-commandes.capture';");
  });

  it('types masked, hashed and timestamptz columns as they arrive, and leaves excluded ones out', async () => {
    tree.write(
      'apps/legacy-monolith/sql/schema.sql',
      `${read('apps/legacy-monolith/sql/schema.sql')}\nCREATE TABLE IF NOT EXISTS "ENVOIS" (\n  "NO_ENVOI" bigint PRIMARY KEY,\n  "IBAN" varchar(34),\n  "SECRET" varchar(20) NOT NULL,\n  "ENVOYE_LE" timestamptz,\n  "JOUR" date,\n  "CACHE" text\n);\n`,
    );
    const config = json(tree, connector);
    config.config['column.mask.with.12.chars'] += ',public.ENVOIS.IBAN';
    config.config['saltedhash.columns'] += ',public.ENVOIS.SECRET';
    config.config['column.exclude.list'] += ',public.ENVOIS.CACHE';
    tree.write(connector, JSON.stringify(config));
    await generate('ENVOIS');
    const capture = acl('envois');
    expect(capture).toMatch(/asterisks only: the value is masked\.\s*\*\/\s*IBAN: string \| null;/);
    expect(capture).toMatch(/a hex digest: joinable, not readable \(64 digits[^\n]*\s*\*\/\s*SECRET: string;/);
    expect(capture).toMatch(/ISO-8601 instant with offset \(ZonedTimestamp\)\.\s*\*\/\s*ENVOYE_LE: string \| null;/);
    expect(capture).toMatch(/days since 1970-01-01\.\s*\*\/\s*JOUR: number \| null;/);
    expect(capture).not.toContain('CACHE');
    // statut is required: the first text never null (SECRET) fills it.
    expect(capture).toContain('statut: row.SECRET,');
    expect(json(tree, 'apps/legacy-monolith/context.manifest.json').capture.tables).toContain('ENVOIS');
  });

  it('brings the grouped sync: manifest, LegacySyncModule.forTables in the module, the command, its migration', async () => {
    await generate('COMMANDES');
    expect(json(tree, 'apps/dispatch-service/context.manifest.json').legacyTables).toEqual([
      { table: 'COMMANDES', dlq: { partitions: 1, retentionMs: 2592000000 } },
    ]);
    expect(read(sync)).toMatch(
      /LegacySyncModule\.forTables\(\{\s*service: 'dispatch-service',\s*tables: \[DISPATCH_LEGACY_COMMANDES\],/,
    );
    expect(read(sync)).toContain('readEnd: readTransactionEnd,');
    expect(read(sync)).toContain("keyMap: { table: 'legacy_consignment_keys', keyType: 'text' },");
    expect(read(sync)).toContain('new SyncConsignmentFromLegacyTablesCommand(id, group, metadata)');
    const module = read('libs/dispatch/infrastructure/src/dispatch-infrastructure.module.ts');
    expect(module).toContain("import { LegacyConsignmentsSyncModule } from './legacy/legacy-consignments.sync';");
    expect(module).toMatch(/imports: \[\s*LegacyConsignmentsSyncModule,?\s*\]/);
    expect(read('libs/dispatch/application/src/dispatch-application.ts')).toMatch(
      /SyncConsignmentFromLegacyTablesHandler,?\s*\];/,
    );
    expect(read('libs/dispatch/application/src/index.ts')).toContain(
      "export * from './commands/sync-consignment-from-legacy-tables/sync-consignment-from-legacy-tables.command';",
    );
    const handler = read(
      'libs/dispatch/application/src/commands/sync-consignment-from-legacy-tables/sync-consignment-from-legacy-tables.handler.ts',
    );
    expect(handler).toContain(
      'const state = { statut: group.root.fields.statut, montantTotal: group.root.fields.montantTotal, weight: null };',
    );
    const migration = tree
      .children('libs/dispatch/infrastructure/src/migrations')
      .find((file) => file.includes('legacy-consignments-tables'));
    expect(read(`libs/dispatch/infrastructure/src/migrations/${migration}`)).toContain(
      '[...keyMapTableUp(keyMap), ...transactionBufferTablesUp(buffer)]',
    );
    expect(read('libs/dispatch/infrastructure/src/dispatch-database.ts')).toMatch(
      /migrations: \[[^\]]*LegacyConsignmentsTables\d+,?\s*\]/s,
    );
  });

  it('with --parent: a child of the parent’s group, keyed on its composite key, mapped into the parent aggregate', async () => {
    await generate('COMMANDES');
    await generate('LIGNES_COMMANDE', { parent: 'COMMANDES' });
    const capture = acl('lignes-commande');
    expect(capture).toMatch(
      /debeziumTable<DispatchLegacyLignesCommandeRow, string>\(\s*'LIGNES_COMMANDE',\s*compositeKey\(\{ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' \}\),?\s*\)/,
    );
    expect(capture).toMatch(/PRIX_UNITAIRE: string;/);
    expect(capture).toMatch(
      /return \{\s*noLigne: row\.NO_LIGNE,\s*refArticle: row\.REF_ARTICLE,\s*quantite: row\.QUANTITE,\s*prixUnitaire: row\.PRIX_UNITAIRE,\s*\};/,
    );
    expect(read('libs/anti-corruption/src/dispatch/legacy-lignes-commande.capture.spec.ts')).toContain(
      `expect(change?.key).toEqual('{"NO_COMMANDE":40,"NO_LIGNE":41}');`,
    );
    const wired = read(sync);
    expect(wired).toMatch(
      /tables: \[\s*DISPATCH_LEGACY_COMMANDES,\s*\{\s*capture: DISPATCH_LEGACY_LIGNES_COMMANDE,\s*parent: DISPATCH_LEGACY_COMMANDES,\s*parentKeyOf: \(row\) => row\.NO_COMMANDE,?\s*\},?\s*\]/,
    );
    expect(wired).toMatch(
      /const childTranslators = \{\s*LIGNES_COMMANDE: translateDispatchLegacyLignesCommande,?\s*\};/,
    );
    expect(wired).toMatch(
      /import \{[^}]*DISPATCH_LEGACY_LIGNES_COMMANDE[^}]*translateDispatchLegacyLignesCommande[^}]*\} from '@bascule\/anti-corruption';/s,
    );
    expect(
      json(tree, 'apps/dispatch-service/context.manifest.json').legacyTables.map((t: { table: string }) => t.table),
    ).toEqual(['COMMANDES', 'LIGNES_COMMANDE']);
    expect(
      tree.children('libs/dispatch/infrastructure/src/migrations').filter((f) => f.includes('legacy')),
    ).toHaveLength(1);
  });

  it('with --parent --entity: the rows become the children of the aggregate’s collection, added, replaced, removed', async () => {
    // What the entity generator gives the root: its collection, add and remove (a money field legacy cannot fill).
    const root = 'libs/dispatch/domain/src/consignment.ts';
    const source = read(root);
    tree.write(
      root,
      `${source.slice(0, source.lastIndexOf('}'))}
  get lines(): readonly Line[] { return []; }
  addLine(change: { lineId: string; refArticle: string; quantite: number; remise: Money | null }): void {}
  removeLine({ lineId }: { lineId: string }): void {}
}
`,
    );
    await generate('COMMANDES');
    await expect(generate('LIGNES_COMMANDE', { parent: 'COMMANDES', entity: 'Parcel' })).rejects.toThrow(
      'Consignment has no parcels collection of Parcel (addParcel, removeParcel): run nx g @bascule/plugin:entity Parcel --context dispatch first',
    );
    await generate('LIGNES_COMMANDE', { parent: 'COMMANDES', entity: 'Line' });
    expect(acl('lignes-commande')).toMatch(
      /return \{\s*refArticle: row\.REF_ARTICLE,\s*quantite: row\.QUANTITE,\s*remise: null,\s*\};/,
    );
    expect(acl('lignes-commande')).toContain('not mapped yet: NO_LIGNE, PRIX_UNITAIRE');
    expect(read(sync)).toContain('children: childRowsOf(group, childTranslators, aggregateIdOfLegacy),');
    const handler = read(
      'libs/dispatch/application/src/commands/sync-consignment-from-legacy-tables/sync-consignment-from-legacy-tables.handler.ts',
    );
    expect(handler).toMatch(/import \{[^}]*\bLine, LineId, LineState\b[^}]*\} from '@bascule\/dispatch\/domain';/s);
    expect(handler).toMatch(/LIGNES_COMMANDE: \(consignment, \{ upserted, deleted \}\) => \{/);
    expect(handler).toContain(
      'if (held && !held.sameAs(Line.of(LineId.of(id), state))) consignment.removeLine({ lineId: id });',
    );
    expect(handler).toContain('consignment.addLine({ lineId: id, ...state });');
    expect(handler).toContain('for (const { id } of deleted) consignment.removeLine({ lineId: id });');
  });

  it('applies a change of the root row: the aggregate’s syncFromLegacy and its event, called in the same command as the children', async () => {
    await generate('COMMANDES');
    const words = (path: string) => read(path).replace(/\s+/g, ' ');
    const aggregate = words('libs/dispatch/domain/src/consignment.ts');
    expect(aggregate).toContain('syncFromLegacy(change: { statut: string; montantTotal: string | null }): void {');
    expect(aggregate).toContain(
      "this.recordEvent({ type: 'ConsignmentSyncedFromLegacy', statut: change.statut, montantTotal: change.montantTotal }",
    );
    expect(words('libs/dispatch/domain/src/consignment.events.ts')).toContain(
      "export interface ConsignmentSyncedFromLegacy extends DomainEvent<'ConsignmentSyncedFromLegacy'>",
    );
    expect(words('libs/dispatch/contracts/src/dispatch-events.v1.ts')).toContain(
      "type: 'dispatch.consignment-synced-from-legacy'",
    );
    const folder = 'libs/dispatch/application/src/commands/sync-consignment-from-legacy-tables';
    const handler = words(`${folder}/sync-consignment-from-legacy-tables.handler.ts`);
    expect(handler).toContain('if (found && group.root) found.syncFromLegacy(group.root.fields);');
    expect(handler).toContain("...(found && group.root?.deleted ? ['COMMANDES deleted'] : [])");
    expect(handler).not.toContain('COMMANDES changed');
    expect(words(`${folder}/sync-consignment-from-legacy-tables.handler.spec.ts`)).toContain(
      "expect(types()).toEqual(['ConsignmentCreated', 'ConsignmentSyncedFromLegacy']);",
    );
  });

  it('syncs several root tables into one context, each into its own aggregate with its own key map, buffer and transaction group, and compiles', async () => {
    await aggregateGenerator(tree, { name: 'Article', context: 'dispatch', fields: 'libelle:string? qteDispo:int' });
    await entityGenerator(tree, {
      name: 'Line',
      context: 'dispatch',
      aggregate: 'Consignment',
      fields: 'refArticle:string quantite:int prixUnitaire:text',
    });
    await generate('COMMANDES', { aggregate: 'Consignment' });
    await generate('STOCK', { aggregate: 'Article' });
    // The child finds its parent's group without --aggregate.
    await generate('LIGNES_COMMANDE', { parent: 'COMMANDES', entity: 'Line' });
    await expect(generate('FACTURES', { aggregate: 'Article' })).rejects.toThrow(
      'syncs a group of legacy tables into articles already',
    );
    const articles = read('libs/dispatch/infrastructure/src/legacy/legacy-articles.sync.ts');
    expect(articles).toMatch(/tables: \[DISPATCH_LEGACY_STOCK\]/);
    expect(articles).toContain("name: 'articles',");
    expect(articles).toContain("buffer: { changes: 'legacy_article_tx_changes', ends: 'legacy_article_tx_ends' },");
    expect(read(sync)).toContain(
      "buffer: { changes: 'legacy_consignment_tx_changes', ends: 'legacy_consignment_tx_ends' },",
    );
    expect(read(sync)).toMatch(
      /tables: \[\s*DISPATCH_LEGACY_COMMANDES,\s*\{\s*capture: DISPATCH_LEGACY_LIGNES_COMMANDE/,
    );
    expect(read('libs/dispatch/infrastructure/src/dispatch-infrastructure.module.ts')).toMatch(
      /imports: \[\s*LegacyConsignmentsSyncModule,\s*LegacyArticlesSyncModule,?\s*\]/,
    );
    expect(read('libs/dispatch/domain/src/article.ts')).toContain(
      'syncFromLegacy(change: { libelle: string | null; qteDispo: number })',
    );
    expect(typeCheck(tree)).toEqual([]);
  });

  it('with --columns: each field from the column named, a NULL read as what it means, a numeric as Money in minor units, and compiles', async () => {
    await aggregateGenerator(tree, {
      name: 'Article',
      context: 'dispatch',
      fields: 'sku:string label:string onHand:int reserved:int unitPrice:money',
    });
    const columns = "sku=REF_ARTICLE label=LIBELLE?'' onHand=QTE_DISPO reserved=QTE_RESERVEE?0 unitPrice=PRIX?0";
    await expect(
      generate('STOCK', { aggregate: 'Article', columns: columns.replace('QTE_RESERVEE?0', 'QTE_RESERVEE') }),
    ).rejects.toThrow(
      'Article.reserved is required and QTE_RESERVEE can be NULL: say what NULL means (reserved=QTE_RESERVEE?<value>), that it makes the row corrupt (reserved=QTE_RESERVEE!) or make reserved optional',
    );
    await expect(generate('STOCK', { aggregate: 'Article', columns: 'unitPrice=QTE_DISPO' })).rejects.toThrow(
      'a money field comes from a numeric column sent as text (decimal.handling.mode=string); QTE_DISPO is `integer`',
    );
    await expect(generate('STOCK', { aggregate: 'Article', columns: 'onHand=PRIX' })).rejects.toThrow(
      'onHand (int) cannot come from PRIX',
    );
    await expect(generate('STOCK', { aggregate: 'Article', columns: 'reserved=QTE_RESERVEE?none' })).rejects.toThrow(
      'what NULL means must be a number literal',
    );
    await expect(generate('STOCK', { aggregate: 'Article', columns: 'stock=QTE_DISPO' })).rejects.toThrow(
      'Article has no field stock (sku, label, onHand, reserved, unitPrice)',
    );
    await generate('STOCK', { aggregate: 'Article', columns });
    const capture = acl('stock');
    expect(capture).toContain("import { capturedMoney } from '../debezium/debezium-decimal';");
    expect(capture).toMatch(/label: string;\s*onHand: number;\s*reserved: number;\s*unitPrice: MoneyJson;/);
    expect(capture).toMatch(
      /sku: row\.REF_ARTICLE,\s*label: row\.LIBELLE \?\? '',\s*onHand: row\.QTE_DISPO,\s*reserved: row\.QTE_RESERVEE \?\? 0,\s*unitPrice: capturedMoney\('PRIX', row\.PRIX \?\? '0', 'EUR'\),/,
    );
    expect(capture).not.toContain('not mapped yet');
    const spec = read('libs/anti-corruption/src/dispatch/legacy-stock.capture.spec.ts');
    expect(spec).toContain("PRIX: '44.25',");
    expect(spec).toContain("unitPrice: { amount: 4425, currency: 'EUR' },");
    expect(spec).toContain(
      "expect(translateDispatchLegacyStock({ ...row, LIBELLE: null, QTE_RESERVEE: null, PRIX: null })).toMatchObject({ label: '', reserved: 0, unitPrice: { amount: 0, currency: 'EUR' } });",
    );
    const articles = read('libs/dispatch/infrastructure/src/legacy/legacy-articles.sync.ts');
    expect(articles).toContain('unitPrice: Money.fromJSON(fields.unitPrice),');
    expect(articles).toContain('fields: asDomain(translateDispatchLegacyStock(group.root.row))');
    expect(read('libs/dispatch/domain/src/article.ts')).toContain(
      'syncFromLegacy(change: { sku: string; label: string; onHand: number; reserved: number; unitPrice: Money })',
    );
    expect(typeCheck(tree)).toEqual([]);
  });

  it('with --columns: a key column as the id of the aggregate its row became, digits as text, a legacy date as ISO, NULL as corrupt (!), and fields set at creation (:=); compiles', async () => {
    await aggregateGenerator(tree, {
      name: 'Bill',
      context: 'dispatch',
      fields: 'orderId:uuid number:string issuedOn:date total:money credited:money status:enum(OPEN,PAID)',
    });
    const columns =
      'orderId=NO_COMMANDE number=NO_FACTURE issuedOn=DATE_FACTURE! total=MONTANT_TTC! credited:=0 status:=OPEN';
    await expect(
      generate('FACTURES', { aggregate: 'Bill', columns: columns.replace('MONTANT_TTC!', 'MONTANT_TTC') }),
    ).rejects.toThrow(
      'say what NULL means (total=MONTANT_TTC?<value>), that it makes the row corrupt (total=MONTANT_TTC!)',
    );
    await expect(generate('FACTURES', { aggregate: 'Bill', columns: 'number=NO_FACTURE!' })).rejects.toThrow(
      'NO_FACTURE is never NULL, drop the !',
    );
    await expect(generate('FACTURES', { aggregate: 'Bill', columns: 'status:=LATE' })).rejects.toThrow(
      'LATE is not a value of Bill.status (OPEN, PAID)',
    );
    await expect(generate('FACTURES', { aggregate: 'Bill', columns: 'credited:=free' })).rejects.toThrow(
      'free is not a value of Bill.credited (money)',
    );
    await generate('FACTURES', { aggregate: 'Bill', columns });
    const capture = acl('factures');
    expect(capture).toContain("import { aggregateIdOfLegacy } from '../clients/legacy-client-key';");
    expect(capture).toContain("import { capturedLegacyDate, requiredValue } from '../debezium/captured-value';");
    expect(capture).toMatch(
      /orderId: aggregateIdOfLegacy\('COMMANDES', row\.NO_COMMANDE\),\s*number: String\(row\.NO_FACTURE\),\s*issuedOn: capturedLegacyDate\('DATE_FACTURE', requiredValue\('DATE_FACTURE', row\.DATE_FACTURE\)\),\s*total: capturedMoney\('MONTANT_TTC', requiredValue\('MONTANT_TTC', row\.MONTANT_TTC\), 'EUR'\),/,
    );
    expect(capture).toMatch(/orderId: string;\s*number: string;\s*issuedOn: string;\s*total: MoneyJson;\s*\}/);
    const spec = read('libs/anti-corruption/src/dispatch/legacy-factures.capture.spec.ts');
    expect(spec).toContain("DATE_FACTURE: '15/12/2025',");
    expect(spec).toMatch(/orderId: aggregateIdOfLegacy\('COMMANDES', 41\),\s*number: '40',\s*issuedOn: '2025-12-15',/);
    expect(spec).toContain("toThrow('MONTANT_TTC is NULL')");
    const handler = read(
      'libs/dispatch/application/src/commands/sync-bill-from-legacy-tables/sync-bill-from-legacy-tables.handler.ts',
    );
    expect(handler).toContain("credited: Money.of(0, 'EUR'), status: 'OPEN' as const");
    // Held from legacy, synced on a change: the mapped fields, not those set at creation.
    expect(read('libs/dispatch/domain/src/bill.ts')).toContain(
      'syncFromLegacy(change: { orderId: string; number: string; issuedOn: string; total: Money })',
    );
    expect(typeCheck(tree)).toEqual([]);
  });

  it('with --columns: legacy codes as an enum’s values, a referenced row as its aggregate’s id, and compiles', async () => {
    await aggregateGenerator(tree, {
      name: 'Settlement',
      context: 'dispatch',
      fields:
        'orderId:uuid amount:money status:enum(AUTHORIZED,CAPTURED,REFUNDED,DECLINED) method:enum(CARD,TRANSFER,DIRECT_DEBIT)? iban:string? paidOn:string?',
    });
    const columns =
      'orderId=NO_COMMANDE@COMMANDES amount=MONTANT status=STATUT{A:AUTHORIZED,C:CAPTURED,R:REFUNDED,E:DECLINED} method=MODE{C:CARD,V:TRANSFER,P:DIRECT_DEBIT} iban=IBAN paidOn=DATE_PAIEMENT';
    const refused = (replace: [string, string]) =>
      generate('PAIEMENTS', { aggregate: 'Settlement', columns: columns.replace(...replace) });
    await expect(refused(['E:DECLINED', 'E:FAILED'])).rejects.toThrow(
      '"E:FAILED" is not CODE:VALUE with a code given once and a value of status (AUTHORIZED, CAPTURED, REFUNDED, DECLINED)',
    );
    await expect(refused(['amount=MONTANT', 'amount=MONTANT{A:X}'])).rejects.toThrow(
      'codes map a text column (MONTANT is `numeric(12, 2)`) into an enum field (amount is money)',
    );
    await expect(refused(['@COMMANDES', '@CLIENTS'])).rejects.toThrow('NO_COMMANDE references COMMANDES, not CLIENTS');
    await expect(refused(['MODE{C:CARD,V:TRANSFER,P:DIRECT_DEBIT}', 'MODE'])).rejects.toThrow(
      'method=MODE: method (enum) comes from codes: method=MODE{CODE:VALUE,...}',
    );
    await expect(refused(['P:DIRECT_DEBIT}', 'P:DIRECT_DEBIT}?Z'])).rejects.toThrow(
      'what NULL means must be one of the codes (C, V, P)',
    );
    await generate('PAIEMENTS', { aggregate: 'Settlement', columns });
    const capture = acl('paiements');
    expect(capture).toContain("import { capturedCode } from '../debezium/debezium-code';");
    expect(capture).toContain("import { aggregateIdOfLegacy } from '../clients/legacy-client-key';");
    expect(capture).toMatch(
      /status: 'AUTHORIZED' \| 'CAPTURED' \| 'REFUNDED' \| 'DECLINED';\s*method: 'CARD' \| 'TRANSFER' \| 'DIRECT_DEBIT' \| null;/,
    );
    expect(capture).toContain("orderId: aggregateIdOfLegacy('COMMANDES', row.NO_COMMANDE),");
    expect(capture).toContain(
      "status: capturedCode('STATUT', row.STATUT, { A: 'AUTHORIZED', C: 'CAPTURED', R: 'REFUNDED', E: 'DECLINED' } as const),",
    );
    expect(capture).toMatch(
      /method:\s*row\.MODE === null\s*\? null\s*: capturedCode\('MODE', row\.MODE, \{ C: 'CARD', V: 'TRANSFER', P: 'DIRECT_DEBIT' \} as const\),/,
    );
    const spec = read('libs/anti-corruption/src/dispatch/legacy-paiements.capture.spec.ts');
    expect(spec).toContain("orderId: aggregateIdOfLegacy('COMMANDES', 41),");
    expect(spec).toContain("status: 'AUTHORIZED',");
    expect(spec).toContain("method: 'CARD',");
    expect(typeCheck(tree)).toEqual([]);
  });

  it('with --columns: legacy codes into an enum, a referenced table’s key into its aggregate’s id, a price times a quantity, and compiles', async () => {
    await aggregateGenerator(tree, {
      name: 'Shipment',
      context: 'dispatch',
      fields: 'clientId:uuid status:enum(OPEN,DONE,VOID) total:money',
    });
    await entityGenerator(tree, {
      name: 'Parcel',
      context: 'dispatch',
      aggregate: 'Shipment',
      fields: 'sku:string quantity:int unitPrice:money lineTotal:money',
    });
    const root = { aggregate: 'Shipment', columns: 'clientId=NO_CLIENT total=MONTANT_TOTAL?0' };
    await expect(
      generate('COMMANDES', { ...root, columns: `${root.columns} status=STATUT{E:OPEN,X:LOST}` }),
    ).rejects.toThrow('"X:LOST" is not CODE:VALUE with a code given once and a value of status (OPEN, DONE, VOID)');
    await expect(generate('COMMANDES', { ...root, columns: `${root.columns} status=STATUT` })).rejects.toThrow(
      'status=STATUT: status (enum) comes from codes: status=STATUT{CODE:VALUE,...}',
    );
    await generate('COMMANDES', { ...root, columns: `${root.columns} status=STATUT{E:OPEN, V:DONE, L:DONE, A:VOID}` });
    const lines = 'sku=REF_ARTICLE quantity=QUANTITE unitPrice=PRIX_UNITAIRE';
    await expect(
      generate('LIGNES_COMMANDE', {
        parent: 'COMMANDES',
        entity: 'Parcel',
        columns: `${lines} lineTotal=REF_ARTICLE*QUANTITE`,
      }),
    ).rejects.toThrow('a money field comes from a numeric column sent as text');
    await expect(
      generate('LIGNES_COMMANDE', {
        parent: 'COMMANDES',
        entity: 'Parcel',
        columns: `${lines} lineTotal=PRIX_UNITAIRE*REF_ARTICLE`,
      }),
    ).rejects.toThrow('a product is a money field from a numeric column times an integer column, neither NULL');
    await generate('LIGNES_COMMANDE', {
      parent: 'COMMANDES',
      entity: 'Parcel',
      columns: `${lines} lineTotal=PRIX_UNITAIRE*QUANTITE`,
    });
    const commandes = acl('commandes');
    expect(commandes).toContain("import { aggregateIdOfLegacy } from '../clients/legacy-client-key';");
    expect(commandes).toMatch(/clientId: string;\s*status: 'OPEN' \| 'DONE' \| 'VOID';\s*total: MoneyJson;/);
    expect(commandes).toContain("clientId: aggregateIdOfLegacy('CLIENTS', row.NO_CLIENT),");
    expect(commandes).toContain(
      "status: capturedCode('STATUT', row.STATUT, { E: 'OPEN', V: 'DONE', L: 'DONE', A: 'VOID' } as const),",
    );
    const commandesSpec = read('libs/anti-corruption/src/dispatch/legacy-commandes.capture.spec.ts');
    expect(commandesSpec).toContain("STATUT: 'E',");
    expect(commandesSpec).toMatch(/clientId: aggregateIdOfLegacy\('CLIENTS', 41\),\s*status: 'OPEN',/);
    const lignes = acl('lignes-commande');
    expect(lignes).toContain("import { capturedMoney, capturedMoneyTimes } from '../debezium/debezium-decimal';");
    expect(lignes).toContain(
      "lineTotal: capturedMoneyTimes(capturedMoney('PRIX_UNITAIRE', row.PRIX_UNITAIRE, 'EUR'), row.QUANTITE),",
    );
    expect(read('libs/anti-corruption/src/dispatch/legacy-lignes-commande.capture.spec.ts')).toContain(
      "lineTotal: { amount: 190275, currency: 'EUR' },",
    );
    const shipments = read('libs/dispatch/infrastructure/src/legacy/legacy-shipments.sync.ts').replace(/\s+/g, ' ');
    expect(shipments).toContain(
      'const lignesCommandeAsDomain = (row: DispatchLegacyLignesCommandeRow) => { const fields = translateDispatchLegacyLignesCommande(row); return { ...fields, unitPrice: Money.fromJSON(fields.unitPrice), lineTotal: Money.fromJSON(fields.lineTotal) }; };',
    );
    expect(shipments).toContain('LIGNES_COMMANDE: lignesCommandeAsDomain');
    expect(typeCheck(tree)).toEqual([]);
  });

  it('lets two contexts capture one table: each its own ACL module, names and dead-letter topic, none overwritten, and compiles', async () => {
    await boundedContextGenerator(tree, { name: 'billing-run', aggregate: 'Run', fields: 'statut:string' });
    await generate('COMMANDES');
    const first = acl('commandes');
    await generate('COMMANDES', { context: 'billing-run' });
    expect(acl('commandes')).toBe(first);
    const second = read('libs/anti-corruption/src/billing-run/legacy-commandes.capture.ts');
    expect(second).toContain('export interface BillingRunLegacyCommandesRow');
    expect(second).toContain('export const BILLING_RUN_LEGACY_COMMANDES = debeziumTable<');
    expect(second).toContain('export function translateBillingRunLegacyCommandes(');
    expect(read('libs/anti-corruption/src/index.ts')).toContain(
      "export * from './dispatch/legacy-commandes.capture';\nexport * from './billing-run/legacy-commandes.capture';\n",
    );
    expect(read('libs/billing-run/infrastructure/src/legacy/legacy-runs.sync.ts')).toMatch(
      /tables: \[BILLING_RUN_LEGACY_COMMANDES\]/,
    );
    for (const context of ['dispatch', 'billing-run'])
      expect(json(tree, `apps/${context}-service/context.manifest.json`).legacyTables).toEqual([
        { table: 'COMMANDES', dlq: { partitions: 1, retentionMs: 2592000000 } },
      ]);
    // Rendered from the manifests: each context's own dead-letter topic, written by it alone.
    const compose = read('docker/compose.yaml');
    for (const [service, dlq] of [
      ['dispatch-service', 'dispatch.legacy.COMMANDES.dlq'],
      ['billing-run-service', 'billing-run.legacy.COMMANDES.dlq'],
    ]) {
      expect(compose).toContain(`--create --if-not-exists --topic ${dlq} `);
      expect(compose).toContain(
        `--allow-principal User:${service} --operation Write --operation Read --operation Describe --topic ${dlq}\n`,
      );
    }
    expect(compose).not.toContain('legacy.public.COMMANDES.dlq');
    expect(typeCheck(tree)).toEqual([]);
  });

  it('refuses, before writing, what cannot be synced', async () => {
    await expect(generate('COMMANDES', { context: 'nowhere' })).rejects.toThrow('no context named "nowhere"');
    await expect(generate('commandes')).rejects.toThrow('is not a legacy table name');
    await expect(generate('ABSENTE')).rejects.toThrow('legacy table "ABSENTE" is not declared');
    await expect(generate('LIGNES_COMMANDE', { parent: 'COMMANDES' })).rejects.toThrow(
      'COMMANDES is not synced into dispatch as the root of its Consignment group',
    );
    await generate('COMMANDES');
    await expect(generate('COMMANDES')).rejects.toThrow('COMMANDES is synced into dispatch already');
    await expect(generate('STOCK')).rejects.toThrow('syncs a group of legacy tables into consignments already');
  });

  it('refuses a required field no column can fill', async () => {
    tree = workspaceTree();
    tree.write(connector, readFileSync(resolve(__dirname, '../../../../..', connector), 'utf8'));
    await boundedContextGenerator(tree, { name: 'dispatch', aggregate: 'Consignment', fields: 'urgent:boolean' });
    await expect(generate('COMMANDES')).rejects.toThrow(
      'Consignment.urgent (boolean) has no column of COMMANDES to come from',
    );
  });
});
