import { Payment, PaymentId, PaymentState } from '@bascule/payment/domain';
import { paymentEventContracts } from '@bascule/payment/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { paymentDatabase } from '../payment-database';
import { paymentTable } from './payment.table';

describe('payments stored on PostgreSQL (the migrations, the row and the outbox in one transaction)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Payment, any, any>;
  const states: PaymentState[] = [
    {
      orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
      authorizedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      status: 'AUTHORIZED',
      declineReason: 'First declineReason',
      cardLast4: 'First cardLast4',
      cardType: 'First cardType',
      capturedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      refundedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      providerReference: 'First providerReference',
    },
    {
      orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000001',
      authorizedAmount: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      status: 'DECLINED',
      declineReason: null,
      cardLast4: 'Second cardLast4',
      cardType: 'Second cardType',
      capturedAmount: null,
      refundedAmount: null,
      providerReference: null,
    },
  ];
  const state = (variant: number) => states[variant];

  beforeAll(async () => {
    db = await createTestDatabase('payment_store', serviceRole('PAYMENT'));
    dataSource = await new DataSource(
      databaseOptions(paymentDatabase, { ...process.env, PAYMENT_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(paymentEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), paymentTable(clock), outbox);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves a new one with its event in the outbox, and loads it back with every field in its type', async () => {
    const created = Payment.create(PaymentId.generate(), state(0), clock);
    await store.save(created, cloudRequest('corr-store'));
    const loaded = await store.findById(created.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual(state(0));
    const outbox = await dataSource.query('SELECT type, aggregateid, payload FROM outbox WHERE aggregateid = $1', [
      created.id.value,
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ type: 'payment.payment-created', aggregateid: created.id.value }),
    ]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: {
        paymentId: created.id.value,
        orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
        authorizedAmount: { amount: 1250, currency: 'EUR' },
        status: 'AUTHORIZED',
        declineReason: 'First declineReason',
        cardLast4: 'First cardLast4',
        cardType: 'First cardType',
        capturedAmount: { amount: 1250, currency: 'EUR' },
        refundedAmount: { amount: 1250, currency: 'EUR' },
        providerReference: 'First providerReference',
      },
    });
  });

  it('stores the other values and an optional field left empty as they were', async () => {
    const created = Payment.create(PaymentId.generate(), state(1), clock);
    await store.save(created, cloudRequest());
    expect((await store.findById(created.id.value))?.snapshot).toEqual(state(1));
  });

  it('refuses a second insert of the same id as a lost race, and saves nothing of it', async () => {
    const id = PaymentId.generate();
    await store.save(Payment.create(id, state(0), clock), cloudRequest());
    await expect(store.save(Payment.create(id, state(1), clock), cloudRequest())).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect((await store.findById(id.value))?.snapshot).toEqual(state(0));
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      id.value,
    ]);
    expect(count).toBe(1);
  });
});
