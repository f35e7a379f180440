import { randomUUID } from 'node:crypto';

import { CompleteOrderCancellationCommand } from '@bascule/orders/application';

import { TestRefusal, fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { EventEnvelope } from '@bascule/shared/contracts';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { CancelOrderParticipant } from './cancel-order.participant';

/** The participant on a use case that answers `execute`; its answers recorded instead of written to the outbox. */
function participantOn(execute: (command?: unknown) => Promise<unknown>) {
  const { answers, saga, replies } = recordingSaga();
  return { answers, replies, participant: new CancelOrderParticipant(fakeCommandBus(execute).bus, saga) };
}

const command = () =>
  sagaCommand('orders.cancel-order', { orderId: randomUUID(), reason: 'a text' }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('CancelOrderParticipant', () => {
  it('answers orders.cancel-order-succeeded with the aggregate the use case changed', async () => {
    const { replies, participant } = participantOn(async () => ({ id: 'the-id', version: 3 }));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['orders.cancel-order-succeeded', { id: 'the-id', version: 3 }]]);
  });

  it("answers orders.cancel-order-refused with a domain error's code: the saga compensates", async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new TestRefusal('not now')));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['orders.cancel-order-refused', { reason: 'TEST.REFUSED', detail: 'not now' }]]);
  });

  it('lets any other error through, for the consumer engine to retry', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Error('connection reset')));
    await expect(participant.handle(command(), tx)).rejects.toThrow('connection reset');
    expect(answers).toEqual([]);
  });
  it("runs complete-order-cancellation (the saga's step), not the client's cancel-order, with no expected version", async () => {
    const executed: unknown[] = [];
    const { participant } = participantOn(async (c?: unknown) => (executed.push(c), { id: 'the-id', version: 2 }));
    const sent = command();
    await participant.handle(sent, tx);
    expect(executed[0]).toBeInstanceOf(CompleteOrderCancellationCommand);
    expect(executed[0]).toMatchObject({
      target: { aggregateId: (sent.payload as { orderId: string }).orderId, expectedVersion: undefined },
    });
  });

  it('lets a lost race (ConcurrencyError, a DomainError) through for the engine to redo, never answers it', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new ConcurrencyError('order', 'x', 1, 2)));
    await expect(participant.handle(command(), tx)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(answers).toEqual([]);
  });
});
