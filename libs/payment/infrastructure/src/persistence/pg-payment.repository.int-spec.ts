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
  const orderId = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';
  const card = { last4: '4242', type: 'card' };
  const eur = (amount: number) => Money.of(amount, 'EUR');
  const approved = (id = PaymentId.generate()) =>
    Payment.authorize(id, { orderId, amount: eur(1250), card }, { outcome: 'approved', reference: 'sim_1' }, clock);
  const declined = (id = PaymentId.generate()) =>
    Payment.authorize(
      id,
      { orderId, amount: eur(1251), card },
      { outcome: 'declined', reason: 'insufficient_funds', reference: null },
      clock,
    );
  const authorizedState: PaymentState = {
    orderId,
    authorizedAmount: eur(1250),
    status: 'AUTHORIZED',
    declineReason: null,
    method: 'CARD',
    cardLast4: '4242',
    cardType: 'card',
    maskedIban: null,
    paidOn: null,
    capturedAmount: null,
    refundedAmount: null,
    providerReference: 'sim_1',
  };

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
    const created = approved();
    await store.save(created, cloudRequest('corr-store'));
    const loaded = await store.findById(created.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual(authorizedState);
    const outbox = await dataSource.query('SELECT type, aggregateid, payload FROM outbox WHERE aggregateid = $1', [
      created.id.value,
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ type: 'payment.payment-authorized', aggregateid: created.id.value }),
    ]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: {
        paymentId: created.id.value,
        orderId,
        amount: { amount: 1250, currency: 'EUR' },
        cardLast4: '4242',
        cardType: 'card',
      },
    });
  });

  it('stores a decline with its reason, and a capture and refunds as they were', async () => {
    const refused = declined();
    await store.save(refused, cloudRequest());
    expect((await store.findById(refused.id.value))?.snapshot).toEqual(refused.snapshot);
    const paid = approved();
    paid.capture({ amount: eur(1000) });
    paid.refund({ amount: eur(300) });
    await store.save(paid, cloudRequest());
    const loaded = await store.findById(paid.id.value);
    expect(loaded?.version).toBe(3);
    expect(loaded?.snapshot).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      capturedAmount: eur(1000),
      refundedAmount: eur(300),
    });
  });

  it('refuses a second insert of the same id as a lost race, and saves nothing of it', async () => {
    const id = PaymentId.generate();
    await store.save(approved(id), cloudRequest());
    await expect(store.save(declined(id), cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.findById(id.value))?.snapshot).toEqual(authorizedState);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      id.value,
    ]);
    expect(count).toBe(1);
  });
});
