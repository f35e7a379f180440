import { randomUUID } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import { StockItemReadModel } from '@bascule/inventory/application';
import { StockItemId } from '@bascule/inventory/domain';

import { TestRefusal, fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { EventEnvelope } from '@bascule/shared/contracts';

import { SqlRows } from '@bascule/shared/persistence';
import { ReserveStockParticipant } from './reserve-stock.participant';

/** The participant on a use case that answers `execute`; its answers recorded instead of written to the outbox. */
function participantOn(execute: () => Promise<unknown>, status = 'RESERVED', available: Record<string, number> = {}) {
  const { answers, saga, replies } = recordingSaga();
  const queries = { execute: async () => ({ status }) } as unknown as QueryBus;
  const skus = Object.fromEntries(Object.entries(available).map(([sku, n]) => [StockItemId.forSku(sku).value, n]));
  const stock = { get: async (id: string) => (id in skus ? { available: skus[id] } : undefined) };
  return {
    answers,
    replies,
    participant: new ReserveStockParticipant(
      fakeCommandBus(execute).bus,
      saga,
      queries,
      stock as unknown as StockItemReadModel,
    ),
  };
}

const command = () =>
  sagaCommand('inventory.reserve-stock', {
    orderId: randomUUID(),
    lines: [
      { sku: 'CUP', quantity: 2 },
      { sku: 'SAUCER', quantity: 5 },
      { sku: 'SPOON', quantity: 1 },
    ],
  }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('ReserveStockParticipant', () => {
  it('answers inventory.reserve-stock-succeeded with the aggregate the use case changed', async () => {
    const { replies, participant } = participantOn(async () => ({ id: 'the-id', version: 3 }));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['inventory.reserve-stock-succeeded', { id: 'the-id', version: 3 }]]);
  });

  it("answers inventory.reserve-stock-refused with a domain error's code: the saga compensates", async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new TestRefusal('not now')));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['inventory.reserve-stock-refused', { reason: 'TEST.REFUSED', detail: 'not now' }]]);
  });

  it('answers refused with the lines short when the reservation was REJECTED (all or none)', async () => {
    const { replies, participant } = participantOn(async () => ({ id: 'the-id', version: 0 }), 'REJECTED', {
      CUP: 9,
      SAUCER: 4,
    });
    await participant.handle(command(), tx);
    expect(replies()).toEqual([
      [
        'inventory.reserve-stock-refused',
        {
          reason: 'INSUFFICIENT_STOCK',
          detail: expect.stringContaining('not every line can be reserved'),
          shortLines: [
            { sku: 'SAUCER', requested: 5, available: 4 },
            { sku: 'SPOON', requested: 1, available: 0 },
          ],
        },
      ],
    ]);
  });

  it('lets any other error through, for the consumer engine to retry', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Error('connection reset')));
    await expect(participant.handle(command(), tx)).rejects.toThrow('connection reset');
    expect(answers).toEqual([]);
  });
});
