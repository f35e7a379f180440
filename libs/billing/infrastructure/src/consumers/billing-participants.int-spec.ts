import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import {
  CreateInvoiceCommand,
  CreateInvoiceHandler,
  InvoiceChanges,
  IssueCreditNoteCommand,
  IssueCreditNoteHandler,
} from '@bascule/billing/application';
import { billingEventContracts, billingSagaContracts } from '@bascule/billing/contracts';
import { Invoice } from '@bascule/billing/domain';
import { OrderConfirmedV1, OrderPlacedV1 } from '@bascule/orders/contracts';
import { SAGA_REPLIES_TOPIC, SagaParticipant } from '@bascule/saga';
import { sagaCommand } from '@bascule/saga/testing';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { FixedClock } from '@bascule/shared/ddd';
import { ConsumerRig } from '@bascule/shared/messaging/testing';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, eventually, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { billingDatabase } from '../billing-database';
import { invoiceTable } from '../persistence/invoice.table';
import { PgInvoiceReadModel } from '../persistence/pg-invoice.read-model';
import { PgKnownOrders } from '../persistence/pg-known-orders';
import { PgNumbering } from '../persistence/pg-numbering';
import { PgVatRates } from '../persistence/pg-vat-rates';
import { OnOrderConfirmedHandler } from './on-order-confirmed.handler';
import { OnOrderPlacedHandler } from './on-order-placed.handler';
import { IssueCreditNoteParticipant } from './issue-credit-note.participant';
import { IssueInvoiceParticipant } from './issue-invoice.participant';

/** Issued at noon in Paris on 15 June 2026: every number of this suite is of 2026. */
const clock = new FixedClock(new Date('2026-06-15T10:00:00Z'));

/**
 * Billing as a saga participant, on PostgreSQL and Kafka: the participants and billing's consumers of orders' events
 * behind one consumer engine (inbox) and the outbox relay, as in the service; the test acts as the orchestrator and
 * as orders, on topics of its own (the contracts' topics with a suffix).
 */
describe('billing takes part in sagas: issue-invoice and issue-credit-note through the inbox and the outbox', () => {
  const rig = new ConsumerRig();
  const sagaContracts = billingSagaContracts.map(rig.own);
  const orderContracts = [OrderPlacedV1, OrderConfirmedV1].map(rig.own);
  const commandsTopic = rig.topic('billing.commands.v1');
  const ordersTopic = rig.topic('orders.events.v1');
  const repliesTopic = rig.topic(SAGA_REPLIES_TOPIC);
  let db: TestDatabase;
  let dataSource: DataSource;

  const envelope = (type: string, aggregateType: string, aggregateId: string, version: number, payload: object) => ({
    id: randomUUID(),
    type,
    version: 1,
    aggregateType,
    aggregateId,
    aggregateVersion: version,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${aggregateId}`,
    causationId: randomUUID(),
    originSystem: 'cloud' as const,
    payload,
  });
  const send = (...values: EventEnvelope[]) => rig.send(commandsTopic, ...values);
  /** orders.order-placed then orders.order-confirmed of a new order of two lines, 60.60 EUR excluding VAT. */
  const placeAndConfirm = (orderId: string = randomUUID()) => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const line = (sku: string, quantity: number, cents: number) => ({
      orderLineId: randomUUID(),
      sku,
      quantity,
      unitPrice: eur(cents),
      lineTotal: eur(cents * quantity),
    });
    const lines = [line('SKU-A', 3, 1999), line('SKU-B', 1, 63)];
    const placed = envelope('orders.order-placed', 'order', orderId, 1, {
      orderId,
      clientId: randomUUID(),
      total: eur(6060),
      status: 'PENDING',
      reason: null,
      lines,
      payment: { type: 'card', token: 'tok_visa' },
    });
    const confirmed = envelope('orders.order-confirmed', 'order', orderId, 2, { orderId, status: 'CONFIRMED' });
    return { orderId, events: [placed, confirmed] as EventEnvelope[] };
  };
  const knownConfirmed = async () => {
    const order = placeAndConfirm();
    await rig.send(ordersTopic, ...order.events);
    await eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM known_orders WHERE id = $1 AND status = 'CONFIRMED'`, [
          order.orderId,
        ])) === 1,
    );
    return order.orderId;
  };
  const repliesTo = (sent: EventEnvelope, count: number) => rig.envelopesOf(repliesTopic, sent.aggregateId, count);
  const count = async (sql: string, parameters: unknown[] = []) =>
    (await dataSource.query<{ n: number }[]>(sql, parameters))[0].n;
  /** The command went through the inbox (its transaction committed), whatever it answered. */
  const handled = (sent: EventEnvelope) =>
    eventually(async () => (await count(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [sent.id])) === 1);
  const invoicesOf = (orderId: string) =>
    dataSource.query<{ id: string; number: string; status: string }[]>(
      `SELECT id, number, status FROM invoices WHERE order_id = $1`,
      [orderId],
    );

  beforeAll(async () => {
    db = await createTestDatabase(`billing_saga_${rig.suffix}`, serviceRole('BILLING'));
    dataSource = await new DataSource(
      databaseOptions(billingDatabase, { ...process.env, BILLING_DATABASE: db.name }),
    ).initialize();
    const pool = poolOf(dataSource);
    const writer = new OutboxWriter(new ContractRegistry([...billingEventContracts, ...sagaContracts]));
    const changes = new InvoiceChanges(new PgAggregateStore<Invoice, any, any>(pool, invoiceTable(clock), writer));
    const numbering = new PgNumbering(dataSource);
    const creating = new CreateInvoiceHandler(
      changes,
      new PgKnownOrders(dataSource),
      new PgVatRates(dataSource),
      numbering,
      clock,
    );
    const crediting = new IssueCreditNoteHandler(changes, numbering, clock);
    // The service's bus routes to these handlers (CqrsModule); here, the two the participants use.
    const commands = {
      execute: (c: CreateInvoiceCommand | IssueCreditNoteCommand) =>
        c instanceof CreateInvoiceCommand ? creating.execute(c) : crediting.execute(c),
    } as unknown as CommandBus;
    const participant = new SagaParticipant(writer, rig.handlers);
    const invoices = new PgInvoiceReadModel(dataSource);
    const issue = new IssueInvoiceParticipant(commands, participant, invoices, new PgKnownOrders(dataSource));
    const credit = new IssueCreditNoteParticipant(commands, participant, invoices);
    const placed = new OnOrderPlacedHandler();
    const confirmed = new OnOrderConfirmedHandler(participant);

    // One engine for orders' events and the commands, as the service's ConsumersModule has it.
    await rig.start(pool, {
      groupId: `billing-service.saga-${rig.suffix}`,
      topics: [commandsTopic, ordersTopic],
      alsoTopics: [repliesTopic],
      contracts: [...sagaContracts, ...orderContracts],
      handlers: { 'orders.order-placed': placed, 'orders.order-confirmed': confirmed },
      answering: { 'billing.issue-invoice': issue, 'billing.issue-credit-note': credit },
    });
  });

  afterAll(async () => {
    await rig.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  afterEach(async () => {
    // Whatever each case did, the invoice numbers of the suite stay gap-free: 2026-000001 … in order.
    const numbers = (await dataSource.query<{ number: string }[]>(`SELECT number FROM invoices ORDER BY number`)).map(
      (r) => r.number,
    );
    expect(numbers).toEqual(numbers.map((_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('issues the invoice; the same command delivered twice gets the same reply, one retried with a new id the same invoice', async () => {
    const orderId = await knownConfirmed();
    const issue = sagaCommand('billing.issue-invoice', { orderId });
    await send(issue, issue);
    const [first, second] = await repliesTo(issue, 2);
    const { id: _firstId, ...answer } = first;
    const { id: _secondId, ...again } = second;
    expect(again).toEqual(answer);
    const [invoice] = await invoicesOf(orderId);
    expect(answer).toMatchObject({
      type: 'billing.issue-invoice-succeeded',
      correlationId: issue.correlationId,
      causationId: issue.id,
      payload: { id: invoice.id, version: 1 },
    });

    const retried = sagaCommand('billing.issue-invoice', { orderId }, issue.aggregateId);
    await send(retried);
    const [, , third] = await repliesTo(issue, 3);
    expect(third).toMatchObject({
      type: 'billing.issue-invoice-succeeded',
      causationId: retried.id,
      payload: { id: invoice.id, version: 1 },
    });
    expect(await invoicesOf(orderId)).toEqual([invoice]);
    expect(await count(`SELECT count(*)::int AS n FROM outbox_all WHERE type = 'billing.invoice-created'`)).toBe(
      await count(`SELECT count(*)::int AS n FROM invoices`),
    );
  });

  it('two attempts of one step in one batch (the saga resent while billing was away): one invoice, both answered with it', async () => {
    const orderId = await knownConfirmed();
    const sagaId = randomUUID();
    const attempts = [1, 2].map(() => sagaCommand('billing.issue-invoice', { orderId }, sagaId));
    await send(...attempts);
    const replies = await repliesTo(attempts[0], 2);
    const invoices = await invoicesOf(orderId);
    expect(invoices).toHaveLength(1);
    expect(replies.map((r) => [r.causationId, r.type, r.payload])).toEqual(
      attempts.map((a) => [a.id, 'billing.issue-invoice-succeeded', { id: invoices[0].id, version: 1 }]),
    );
  });

  it('an order billing has not heard of: no reply and no invoice until its confirmation is consumed, then answered without a retry', async () => {
    const { orderId, events } = placeAndConfirm();
    const early = sagaCommand('billing.issue-invoice', { orderId });
    await send(early);
    await handled(early);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox_all WHERE headers->>'causation_id' = $1`, [early.id]),
    ).toBe(0);
    expect(await invoicesOf(orderId)).toEqual([]);

    expect(
      await count(`SELECT count(*)::int AS n FROM saga_replies WHERE command_id = $1 AND waits_for IS NOT NULL`, [
        early.id,
      ]),
    ).toBe(1);

    await rig.send(ordersTopic, ...events); // the command is resumed in the confirmation's transaction
    const [reply] = await repliesTo(early, 1);
    const [invoice] = await invoicesOf(orderId);
    expect(reply).toMatchObject({
      type: 'billing.issue-invoice-succeeded',
      causationId: early.id,
      payload: { id: invoice.id, version: 1 },
    });
    await send(early); // the saga's retry (the same id) once answered gets the stored reply, and issues nothing
    const [, again] = await repliesTo(early, 2);
    expect(again).toMatchObject({ type: reply.type, causationId: early.id, payload: reply.payload });
    expect(await invoicesOf(orderId)).toEqual([invoice]);
  });

  it('credits the invoice in full, once: the same command again and a retried one issue no second credit note', async () => {
    const orderId = await knownConfirmed();
    const issue = sagaCommand('billing.issue-invoice', { orderId });
    await send(issue);
    await repliesTo(issue, 1);
    const [invoice] = await invoicesOf(orderId);

    const credit = sagaCommand('billing.issue-credit-note', { orderId, reason: 'order cancelled' }, issue.aggregateId);
    const retried = sagaCommand('billing.issue-credit-note', { orderId, reason: 'order cancelled' }, issue.aggregateId);
    await send(credit, credit);
    await send(retried);
    const [, ...replies] = await repliesTo(issue, 4);
    expect(replies.map((r) => [r.causationId, r.type, r.payload])).toEqual([
      [credit.id, 'billing.issue-credit-note-succeeded', { id: invoice.id, version: 2 }],
      [credit.id, 'billing.issue-credit-note-succeeded', { id: invoice.id, version: 2 }],
      [retried.id, 'billing.issue-credit-note-succeeded', { id: invoice.id, version: 2 }],
    ]);
    expect(await invoicesOf(orderId)).toEqual([{ ...invoice, status: 'CREDITED' }]);
    const notes = await dataSource.query(
      `SELECT number, amount_amount::int AS amount, reason FROM invoice_credit_notes WHERE invoice_id = $1`,
      [invoice.id],
    );
    // 60.60 EUR at 20 % (billing knows no rate of these skus): the full 72.72 EUR including VAT is credited.
    expect(notes).toEqual([{ number: expect.stringMatching(/^2026-\d{6}$/), amount: 7272, reason: 'order cancelled' }]);
  });

  it('a credit note for an order never invoiced: nothing to undo, done at version 0', async () => {
    const orderId = randomUUID();
    const notesBefore = await count(`SELECT count(*)::int AS n FROM invoice_credit_notes`);
    const credit = sagaCommand('billing.issue-credit-note', { orderId, reason: 'order cancelled' });
    await send(credit);
    const [reply] = await repliesTo(credit, 1);
    expect(reply).toMatchObject({
      type: 'billing.issue-credit-note-succeeded',
      causationId: credit.id,
      payload: { id: orderId, version: 0 },
    });
    expect(await count(`SELECT count(*)::int AS n FROM invoice_credit_notes`)).toBe(notesBefore);
  });
});
