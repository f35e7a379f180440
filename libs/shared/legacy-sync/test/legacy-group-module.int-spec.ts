import { CommandMetadata } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { Money } from '@bascule/shared/ddd';
import { createIdempotentProducer, DeadLetterPublisher, KAFKA } from '@bascule/shared/messaging';
import { keyMapTableUp } from '../src/key-map/key-map-table';
import {
  messagingTablesUp,
  OutboxWriter,
  PgAggregateStore,
  poolOf,
  subjectKeysTableUp,
} from '@bascule/shared/persistence';
import { Order, orderContracts, OrderRow, ordersTable, ordersTableUp } from '@bascule/shared/persistence/testing';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  TestDatabase,
  testKafka,
  topicEnd,
  waitForGroupAt,
} from '@bascule/shared/testing';
import { Global, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandHandler, CqrsModule, ICommandHandler } from '@nestjs/cqrs';
import { Producer } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { LegacySyncModule } from '../src/nest/legacy-sync.module';
import { groupedSyncSettingsFromEnv } from '../src/transactions/grouped-sync.settings';
import { CapturedGroup } from '../src/transactions/legacy-group';
import { transactionBufferTablesUp } from '../src/transactions/transaction-buffer-tables';
import { COMMANDES, LIGNES_COMMANDE, orderEnvelope, orderTopics, readEnd, transactionEnd } from './debezium-orders';

/** The fictional fulfilment context: an order (the platform's test aggregate) and its lines, synced from legacy. */
interface FulfilmentImage {
  placed: boolean;
  lines: { sku: string; quantity: number; unitPriceMinor: number }[];
}

class SyncFulfilmentOrderCommand {
  constructor(
    readonly orderId: string,
    readonly image: FulfilmentImage,
    readonly metadata: CommandMetadata,
  ) {}
}

const translate = (group: CapturedGroup) => ({
  value: {
    placed: group.root !== null,
    lines: (group.children['LIGNES_COMMANDE'] ?? []).map(({ row }) => ({
      sku: String(row['REF_ARTICLE']),
      quantity: Number(row['QUANTITE']),
      unitPriceMinor: Math.round(Number(row['PRIX_UNITAIRE']) * 100),
    })),
  },
  kept: null,
});

const orderIdOf = (key: number | string) => `00000000-0000-4000-8000-${String(key).padStart(12, '0')}`;

/**
 * One declaration of the context (`LegacySyncModule.forTables`) on real PostgreSQL and Kafka, the records
 * produced as Debezium writes them (envelope and `<prefix>.transaction` events): a legacy transaction that
 * writes an order and three lines is applied as one command, whatever the order its records arrive in,
 * across a restart of the consumers between them, and a replay of every topic from its start doubles nothing.
 */
describe('LegacySyncModule.forTables: a legacy order and its lines, one command of the context', () => {
  const id = randomBytes(4).toString('hex');
  const prefix = `legacygroup${id}`;
  const topics = orderTopics(prefix);
  const kafka = testKafka();
  let producer: Producer;
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Order, OrderRow>;
  let app: INestApplicationContext | undefined;
  /** Every command the handler ran, by order id. */
  const executed: string[] = [];

  @CommandHandler(SyncFulfilmentOrderCommand)
  class SyncFulfilmentOrderHandler implements ICommandHandler<SyncFulfilmentOrderCommand> {
    async execute({ orderId, image, metadata }: SyncFulfilmentOrderCommand): Promise<void> {
      executed.push(orderId);
      const order = (await store.findById(orderId)) ?? (image.placed ? Order.open(orderId, 'EUR') : undefined);
      if (!order) throw new Error('lines of an order never placed');
      for (const line of image.lines) {
        const held = order.lines.find((candidate) => candidate.sku === line.sku);
        if (held) order.changeQuantity(held.id, line.quantity);
        else order.addLine(line.sku, line.quantity, Money.of(line.unitPriceMinor, 'EUR'));
      }
      await store.save(order, metadata);
    }
  }

  async function startContext(groupSuffix: string) {
    process.env.LEGACY_TOPIC_PREFIX = prefix;
    for (const table of ['COMMANDES', 'LIGNES_COMMANDE', 'TRANSACTION'])
      process.env[`LEGACY_${table}_CONSUMER_GROUP`] = `legacygroup-${id}-${table.toLowerCase()}-${groupSuffix}`;
    @Global()
    @Module({
      providers: [
        { provide: KAFKA, useValue: kafka },
        { provide: DeadLetterPublisher, useValue: new DeadLetterPublisher(producer) },
        { provide: DataSource, useValue: dataSource },
      ],
      exports: [KAFKA, DeadLetterPublisher, DataSource],
    })
    class Platform {}
    @Module({
      imports: [
        Platform,
        CqrsModule.forRoot(),
        LegacySyncModule.forTables({
          service: 'fulfilment-service',
          tables: [
            COMMANDES,
            { capture: LIGNES_COMMANDE, parent: COMMANDES, parentKeyOf: (row) => row['NO_COMMANDE'] as number },
          ],
          readEnd,
          keyMap: { table: 'legacy_fulfilment_keys', keyType: 'text' },
          aggregateIdOf: orderIdOf,
          translate,
          command: (orderId, image: FulfilmentImage, metadata) =>
            new SyncFulfilmentOrderCommand(orderId, image, metadata),
        }),
      ],
      providers: [SyncFulfilmentOrderHandler],
    })
    class FulfilmentContext {}
    app = await NestFactory.createApplicationContext(FulfilmentContext, { logger: false, abortOnError: false });
  }

  const stopContext = async () => {
    await app?.close();
    app = undefined;
  };

  /** Every consumer of the group has read its topic to the end. */
  async function consumedToEnd() {
    const settings = groupedSyncSettingsFromEnv('fulfilment-service', ['COMMANDES', 'LIGNES_COMMANDE']);
    for (const { topic, groupId } of [...Object.values(settings.tables), settings.transactions])
      await waitForGroupAt(kafka, groupId, topic, await topicEnd(kafka, topic), 120_000);
  }

  const envelope = orderEnvelope;
  const line = (no: number, sku: string, quantity: number) => ({
    NO_COMMANDE: 700001,
    NO_LIGNE: no,
    REF_ARTICLE: sku,
    QUANTITE: quantity,
    PRIX_UNITAIRE: '9.90',
  });
  const end = transactionEnd;
  const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('legacy_group');
    dataSource = await new DataSource({
      type: 'postgres',
      ...db.settings,
      username: db.settings.user,
      poolSize: 6,
    }).initialize();
    for (const statement of [
      ...messagingTablesUp,
      ...subjectKeysTableUp,
      ...ordersTableUp,
      ...keyMapTableUp({ table: 'legacy_fulfilment_keys', keyType: 'text' }),
      ...transactionBufferTablesUp(),
    ])
      await dataSource.query(statement);
    store = new PgAggregateStore(
      poolOf(dataSource),
      ordersTable,
      new OutboxWriter(new ContractRegistry(orderContracts)),
    );
    await createTopics(kafka, Object.values(topics), 3);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  }, 120_000);

  afterAll(async () => {
    await stopContext();
    await producer?.disconnect();
    await deleteTopics(kafka, Object.values(topics));
    await dataSource?.destroy();
    await db?.drop();
  }, 60_000);

  it('applies a transaction whose lines arrive before their order, interleaved, as one command, once', async () => {
    await startContext('first');
    const orderId = orderIdOf(700001);
    // xid 9001 wrote the order (lsn 100, first in the transaction) and three lines; the lines come first,
    // each to its own partition, the END between them, and the order only after a restart of the consumers.
    await producer.send({
      topic: topics.lines,
      messages: [{ ...envelope('LIGNES_COMMANDE', line(3, 'C-3', 3), 103, 9001, 4), partition: 2 }],
    });
    await producer.send({
      topic: topics.transactions,
      messages: [end(9001, 104, { COMMANDES: 1, LIGNES_COMMANDE: 3 })],
    });
    await producer.send({
      topic: topics.lines,
      messages: [{ ...envelope('LIGNES_COMMANDE', line(1, 'C-1', 1), 101, 9001, 2), partition: 0 }],
    });
    await producer.send({
      topic: topics.lines,
      messages: [{ ...envelope('LIGNES_COMMANDE', line(2, 'C-2', 2), 102, 9001, 3), partition: 1 }],
    });
    const buffered = () =>
      count(`SELECT (SELECT count(*) FROM legacy_tx_changes) * 10 + (SELECT count(*) FROM legacy_tx_ends) AS n`);
    await eventually(async () => (await buffered()) === 31, 60_000, 100);
    await stopContext();
    expect(await count('SELECT count(*) AS n FROM legacy_tx_ends WHERE released_at IS NULL')).toBe(1);
    expect(executed).toEqual([]);
    const gauge = await register.getSingleMetricAsString('bascule_legacy_tx_oldest_unreleased_seconds');
    expect(gauge).toMatch(/bascule_legacy_tx_oldest_unreleased_seconds\{buffer="legacy_tx_ends"\} \d/);

    await producer.send({
      topic: topics.orders,
      messages: [envelope('COMMANDES', { NO_COMMANDE: 700001, STATUT: 'E', MONTANT_TOTAL: '59.40' }, 100, 9001, 1)],
    });
    await startContext('first');
    await eventually(async () => executed.length >= 1, 60_000, 100);
    await consumedToEnd();

    expect(executed).toEqual([orderId]);
    const order = await store.findById(orderId);
    expect(order?.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['C-1', 1],
      ['C-2', 2],
      ['C-3', 3],
    ]);
    expect(order?.version).toBe(4); // opened and three lines added, saved once
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(4);
    expect(await count(`SELECT count(*) AS n FROM legacy_fulfilment_keys WHERE aggregate_id = '${orderId}'`)).toBe(4);
    expect(await count('SELECT count(*) AS n FROM legacy_tx_changes')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM legacy_tx_ends WHERE released_at IS NULL')).toBe(0);
  }, 300_000);

  it('doubles nothing when every topic is read again from its start, and applies the next transaction', async () => {
    await stopContext();
    await startContext('replay');
    // xid 9002 changes line 2 only: the order's row is not in it, the group is still the order's.
    await producer.send({
      topic: topics.lines,
      messages: [envelope('LIGNES_COMMANDE', line(2, 'C-2', 5), 200, 9002, 1, 'u')],
    });
    await producer.send({ topic: topics.transactions, messages: [end(9002, 201, { LIGNES_COMMANDE: 1 })] });
    await eventually(async () => executed.length >= 2, 60_000, 100);
    await consumedToEnd();

    const orderId = orderIdOf(700001);
    expect(executed).toEqual([orderId, orderId]);
    const order = await store.findById(orderId);
    expect(order?.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['C-1', 1],
      ['C-2', 5],
      ['C-3', 3],
    ]);
    expect(order?.version).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(5);
    expect(await count('SELECT count(*) AS n FROM legacy_tx_changes')).toBe(0);
  }, 300_000);
});
