import { randomUUID } from 'node:crypto';

import { ConfirmOrderCommand } from '@bascule/orders/application';

import { TestRefusal, fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { EventEnvelope } from '@bascule/shared/contracts';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { ConfirmOrderParticipant } from './confirm-order.participant';

/** The participant on a use case that answers `execute`; its answers recorded instead of written to the outbox. */
function participantOn(execute: (command?: unknown) => Promise<unknown>) {
  const { answers, saga, replies } = recordingSaga();
  return { answers, replies, participant: new ConfirmOrderParticipant(fakeCommandBus(execute).bus, saga) };
}

const command = () => sagaCommand('orders.confirm-order', { orderId: randomUUID() }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('ConfirmOrderParticipant', () => {
  it('answers orders.confirm-order-succeeded with the aggregate the use case changed', async () => {
    const { replies, participant } = participantOn(async () => ({ id: 'the-id', version: 3 }));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['orders.confirm-order-succeeded', { id: 'the-id', version: 3 }]]);
  });

  it("answers orders.confirm-order-refused with a domain error's code: the saga compensates", async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new TestRefusal('not now')));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['orders.confirm-order-refused', { reason: 'TEST.REFUSED', detail: 'not now' }]]);
  });

  it('lets any other error through, for the consumer engine to retry', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Error('connection reset')));
    await expect(participant.handle(command(), tx)).rejects.toThrow('connection reset');
    expect(answers).toEqual([]);
  });
  it('runs confirm-order on the order, with no expected version (a saga command never fails on one)', async () => {
    const executed: unknown[] = [];
    const { participant } = participantOn(async (c?: unknown) => (executed.push(c), { id: 'the-id', version: 2 }));
    const sent = command();
    await participant.handle(sent, tx);
    expect(executed).toEqual([
      expect.objectContaining({
        target: expect.objectContaining({
          aggregateId: (sent.payload as { orderId: string }).orderId,
          expectedVersion: undefined,
        }),
      }),
    ]);
    expect(executed[0]).toBeInstanceOf(ConfirmOrderCommand);
  });

  it('lets a lost race (ConcurrencyError, a DomainError) through for the engine to redo, never answers it', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new ConcurrencyError('order', 'x', 1, 2)));
    await expect(participant.handle(command(), tx)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(answers).toEqual([]);
  });
});
