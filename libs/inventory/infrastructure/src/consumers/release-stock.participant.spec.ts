import { randomUUID } from 'node:crypto';

import { StockReservationNotFound } from '@bascule/inventory/domain';

import { TestRefusal, fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { EventEnvelope } from '@bascule/shared/contracts';

import { SqlRows } from '@bascule/shared/persistence';
import { ReleaseStockParticipant } from './release-stock.participant';

/** The participant on a use case that answers `execute`; its answers recorded instead of written to the outbox. */
function participantOn(execute: () => Promise<unknown>) {
  const { answers, saga, replies } = recordingSaga();
  return { answers, replies, participant: new ReleaseStockParticipant(fakeCommandBus(execute).bus, saga) };
}

const command = () => sagaCommand('inventory.release-stock', { orderId: randomUUID() }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('ReleaseStockParticipant', () => {
  it('answers inventory.release-stock-succeeded with the aggregate the use case changed', async () => {
    const { replies, participant } = participantOn(async () => ({ id: 'the-id', version: 3 }));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['inventory.release-stock-succeeded', { id: 'the-id', version: 3 }]]);
  });

  it("answers inventory.release-stock-refused with a domain error's code: the saga compensates", async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new TestRefusal('not now')));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['inventory.release-stock-refused', { reason: 'TEST.REFUSED', detail: 'not now' }]]);
  });

  it('answers done for a reservation never made: a compensation with nothing to undo', async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new StockReservationNotFound('x')));
    const released = command();
    await participant.handle(released, tx);
    expect(replies()).toEqual([
      ['inventory.release-stock-succeeded', { id: (released.payload as { orderId: string }).orderId, version: 0 }],
    ]);
  });

  it('lets any other error through, for the consumer engine to retry', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Error('connection reset')));
    await expect(participant.handle(command(), tx)).rejects.toThrow('connection reset');
    expect(answers).toEqual([]);
  });
});
