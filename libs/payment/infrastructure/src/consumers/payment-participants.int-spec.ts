import { randomUUID } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import {
  PAYMENT_PROVIDER,
  PAYMENT_READ_MODEL,
  PAYMENT_REPOSITORY,
  paymentApplicationProviders,
  PaymentProvider,
  PaymentRepository,
} from '@bascule/payment/application';
import { paymentEventContracts, paymentSagaContracts } from '@bascule/payment/contracts';
import { PaymentId } from '@bascule/payment/domain';
import { SAGA_REPLIES_TOPIC, SagaParticipant } from '@bascule/saga';
import { sagaCommand } from '@bascule/saga/testing';
import { CallError, CallPolicy, DEFAULT_CALL_POLICY } from '@bascule/shared/calls';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { CLOCK, FixedClock } from '@bascule/shared/ddd';
import { ConsumerRig } from '@bascule/shared/messaging/testing';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { paymentDatabase } from '../payment-database';
import { PgPaymentReadModel } from '../persistence/pg-payment.read-model';
import { paymentTable } from '../persistence/payment.table';
import { HttpPaymentProvider } from '../provider/http-payment-provider';
import { SimulatedPaymentProvider } from '../provider/simulated-payment-provider';
import { AuthorizePaymentParticipant } from './authorize-payment.participant';
import { CapturePaymentParticipant } from './capture-payment.participant';
import { RefundPaymentParticipant } from './refund-payment.participant';
import { VoidPaymentParticipant } from './void-payment.participant';

/**
 * Provider faults for one order, set by the fault tests: calls that get no answer (an outage: the provider is not
 * reached), then one whose answer is lost after the provider authorized (a deadline passed on the way back).
 */
const faults = new Map<string, { outage: number; answerLost: boolean }>();

/**
 * Payment as a saga participant, on PostgreSQL and Kafka, against the simulated provider over HTTP: the participants
 * behind the consumer engine (inbox) and the outbox relay, the use cases behind Nest's real command bus, the test
 * acting as the orchestrator on topics of its own (the contracts' topics with a suffix).
 */
describe('payment takes part in sagas: authorize, capture, void and refund, keyed by the order', () => {
  const rig = new ConsumerRig();
  const { suffix } = rig;
  const sagaContracts = paymentSagaContracts.map(rig.own);
  const commandsTopic = rig.topic('payment.commands.v1');
  const repliesTopic = rig.topic(SAGA_REPLIES_TOPIC);
  const simulator = new SimulatedPaymentProvider();
  let db: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplicationContext;

  const authorize = (orderId: string, token = 'tok_ok', sagaId?: string) =>
    sagaCommand('payment.authorize-payment', { orderId, amount: 4990, currency: 'EUR', token }, sagaId);
  const send = (...values: EventEnvelope[]) => rig.send(commandsTopic, ...values);
  /** The replies of a saga, in order; waits for `count` of them. */
  const repliesOf = (sagaId: string, count: number) => rig.envelopesOf(repliesTopic, sagaId, count);
  /** Sends one saga's commands, in order, and returns the reply to the last. */
  const answerTo = async (...sent: EventEnvelope[]): Promise<EventEnvelope> => {
    await send(...sent);
    return rig.causedBy(repliesTopic, sent[sent.length - 1]);
  };
  const paymentsOf = (orderId: string) =>
    dataSource.query<{ id: string; version: number; status: string; captured: string; refunded: string }[]>(
      `SELECT id, version, status, captured_amount_amount AS captured, refunded_amount_amount AS refunded
         FROM payments WHERE order_id = $1`,
      [orderId],
    );

  beforeAll(async () => {
    db = await createTestDatabase(`payment_saga_${suffix}`, serviceRole('PAYMENT'));
    dataSource = await new DataSource(
      databaseOptions(paymentDatabase, { ...process.env, PAYMENT_DATABASE: db.name }),
    ).initialize();
    const pool = poolOf(dataSource);
    const writer = new OutboxWriter(new ContractRegistry([...paymentEventContracts, ...sagaContracts]));
    const clock = new FixedClock();
    const http = new HttpPaymentProvider(
      await simulator.start(),
      new CallPolicy('payment-provider', { ...DEFAULT_CALL_POLICY, backoffInitialMs: 10, backoffMaxMs: 50 }),
    );
    const noAnswer = (code: 'CALL.UPSTREAM_UNAVAILABLE' | 'CALL.DEADLINE_EXCEEDED') =>
      new CallError(code, 'payment-provider', 'POST /authorizations', 'no answer');
    const provider: PaymentProvider = {
      authorize: async (call) => {
        const fault = faults.get(call.orderId);
        if (fault && fault.outage > 0 && fault.outage--) throw noAnswer('CALL.UPSTREAM_UNAVAILABLE');
        const decision = await http.authorize(call);
        if (!fault?.answerLost) return decision;
        fault.answerLost = false;
        throw noAnswer('CALL.DEADLINE_EXCEEDED');
      },
    };
    // The service's command bus (CqrsModule) over its application layer, on this database and provider.
    @Module({
      imports: [CqrsModule.forRoot()],
      providers: [
        ...paymentApplicationProviders,
        { provide: CLOCK, useValue: clock },
        { provide: PAYMENT_REPOSITORY, useValue: new PgAggregateStore(pool, paymentTable(clock), writer) },
        { provide: PAYMENT_READ_MODEL, useValue: new PgPaymentReadModel(dataSource) },
        { provide: PAYMENT_PROVIDER, useValue: provider },
      ],
    })
    class PaymentUseCases {}
    app = await NestFactory.createApplicationContext(PaymentUseCases, { logger: false });
    const commands = app.get(CommandBus);
    const payments = app.get<PaymentRepository>(PAYMENT_REPOSITORY);
    const participant = new SagaParticipant(writer, rig.handlers);
    const participants = {
      'payment.authorize-payment': new AuthorizePaymentParticipant(commands, participant, payments),
      'payment.capture-payment': new CapturePaymentParticipant(commands, participant, payments),
      'payment.void-payment': new VoidPaymentParticipant(commands, participant, payments),
      'payment.refund-payment': new RefundPaymentParticipant(commands, participant, payments),
    };

    await rig.start(pool, {
      groupId: `payment-service.saga-${suffix}`,
      topics: [commandsTopic],
      alsoTopics: [repliesTopic],
      contracts: sagaContracts,
      answering: participants,
    });
  });

  afterAll(async () => {
    await rig.stop();
    await app?.close();
    await simulator.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it("authorizes the order's payment; a command delivered twice: one payment, one authorization, the same reply", async () => {
    const orderId = randomUUID();
    const sent = authorize(orderId);
    await send(sent, sent);
    const replies = await repliesOf(sent.aggregateId, 2);
    const [first, second] = replies.map(({ id: _id, ...reply }) => reply);
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      type: 'payment.authorize-payment-succeeded',
      correlationId: sent.correlationId,
      causationId: sent.id,
      payload: { id: PaymentId.forOrder(orderId).value, version: 1 },
    });
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'AUTHORIZED', version: 1 })]);
    expect(simulator.ledger(orderId)).toEqual({ requests: 1, authorizations: 1 });
  });

  it('a retried authorization (a new command id, after a timeout): answered from the payment made, nothing new', async () => {
    const orderId = randomUUID();
    const first = authorize(orderId);
    const retried = authorize(orderId, 'tok_ok', first.aggregateId);
    const reply = await answerTo(first, retried);
    expect(reply).toMatchObject({
      type: 'payment.authorize-payment-succeeded',
      causationId: retried.id,
      payload: { id: PaymentId.forOrder(orderId).value, version: 1 },
    });
    expect(await paymentsOf(orderId)).toHaveLength(1);
    expect(simulator.ledger(orderId)).toEqual({ requests: 1, authorizations: 1 });
  });

  it("the provider's answer lost after it authorized: retried under the order's key, one authorization there", async () => {
    const orderId = randomUUID();
    faults.set(orderId, { outage: 0, answerLost: true });
    const reply = await answerTo(authorize(orderId));
    expect(faults.get(orderId)?.answerLost).toBe(false);
    expect(reply).toMatchObject({ type: 'payment.authorize-payment-succeeded', payload: { version: 1 } });
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'AUTHORIZED' })]);
    expect(simulator.ledger(orderId)).toEqual({ requests: 2, authorizations: 1 });
  });

  it('a provider outage is waited out (retried by the engine), never answered as a refusal', async () => {
    const orderId = randomUUID();
    faults.set(orderId, { outage: 3, answerLost: false });
    const sent = authorize(orderId);
    await answerTo(sent);
    expect(faults.get(orderId)?.outage).toBe(0);
    const replies = await repliesOf(sent.aggregateId, 1);
    expect(replies.map((r) => r.type)).toEqual(['payment.authorize-payment-succeeded']);
    expect(simulator.ledger(orderId)).toEqual({ requests: 1, authorizations: 1 });
  });

  it('a declined card: refused PAYMENT_DECLINED, the payment kept DECLINED; its void and refund undo nothing', async () => {
    const orderId = randomUUID();
    const declined = authorize(orderId, 'tok_declined');
    expect(await answerTo(declined)).toMatchObject({
      type: 'payment.authorize-payment-refused',
      causationId: declined.id,
      payload: { reason: 'PAYMENT_DECLINED', detail: expect.stringContaining('insufficient_funds') },
    });
    const id = PaymentId.forOrder(orderId).value;
    for (const type of ['payment.void-payment', 'payment.refund-payment'])
      expect(await answerTo(sagaCommand(type, { orderId }, declined.aggregateId))).toMatchObject({
        type: `${type}-succeeded`,
        payload: { id, version: 1 },
      });
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'DECLINED', version: 1 })]);
  });

  it('captures the amount authorized, refunds the amount captured; a refund again is done, at the same version', async () => {
    const orderId = randomUUID();
    const saga = authorize(orderId).aggregateId;
    await answerTo(authorize(orderId, 'tok_ok', saga));
    const id = PaymentId.forOrder(orderId).value;
    const capture = sagaCommand('payment.capture-payment', { orderId }, saga);
    expect(await answerTo(capture)).toMatchObject({
      type: 'payment.capture-payment-succeeded',
      causationId: capture.id,
      payload: { id, version: 2 },
    });
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'CAPTURED', captured: '4990' })]);
    const refund = () => sagaCommand('payment.refund-payment', { orderId }, saga);
    expect(await answerTo(refund())).toMatchObject({ payload: { id, version: 3 } });
    expect(await answerTo(refund())).toMatchObject({
      type: 'payment.refund-payment-succeeded',
      payload: { version: 3 },
    });
    expect(await paymentsOf(orderId)).toEqual([
      expect.objectContaining({ status: 'REFUNDED', captured: '4990', refunded: '4990', version: 3 }),
    ]);
  });

  it('voids an authorization; a void again is done; a capture of it is refused with the domain code', async () => {
    const orderId = randomUUID();
    const saga = randomUUID();
    await answerTo(authorize(orderId, 'tok_ok', saga));
    const id = PaymentId.forOrder(orderId).value;
    const voiding = () => sagaCommand('payment.void-payment', { orderId }, saga);
    expect(await answerTo(voiding())).toMatchObject({
      type: 'payment.void-payment-succeeded',
      payload: { id, version: 2 },
    });
    expect(await answerTo(voiding())).toMatchObject({
      type: 'payment.void-payment-succeeded',
      payload: { id, version: 2 },
    });
    expect(await answerTo(sagaCommand('payment.capture-payment', { orderId }, saga))).toMatchObject({
      type: 'payment.capture-payment-refused',
      payload: { reason: 'PAYMENT.INVALID_STATE' },
    });
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'VOIDED', version: 2 })]);
  });

  it('a void and a refund for an order never authorized (its command timed out unanswered): done, version 0', async () => {
    const orderId = randomUUID();
    const saga = randomUUID();
    const id = PaymentId.forOrder(orderId).value;
    for (const type of ['payment.void-payment', 'payment.refund-payment'])
      expect(await answerTo(sagaCommand(type, { orderId }, saga))).toMatchObject({
        type: `${type}-succeeded`,
        payload: { id, version: 0 },
      });
    expect(await paymentsOf(orderId)).toEqual([]);
  });
});
