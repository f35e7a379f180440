import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { StockItemReadModel } from '@bascule/inventory/application';
import { StockItemId } from '@bascule/inventory/domain';
import { SagaAnswer, SagaParticipant } from '@bascule/saga';
import { EventEnvelope } from '@bascule/shared/contracts';
import { DomainError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { ReserveStockParticipant } from './reserve-stock.participant';

class Refused extends DomainError {
  readonly code = 'TEST.REFUSED';
}

/** The participant on a use case that answers `execute`; its answers recorded instead of written to the outbox. */
function participantOn(execute: () => Promise<unknown>, status = 'RESERVED', available: Record<string, number> = {}) {
  const answers: SagaAnswer[] = [];
  const saga = {
    answer: async (_command: unknown, _tx: unknown, _delivery: unknown, work: () => Promise<SagaAnswer>) =>
      void answers.push(await work()),
  } as unknown as SagaParticipant;
  const queries = { execute: async () => ({ status }) } as unknown as QueryBus;
  const skus = Object.fromEntries(Object.entries(available).map(([sku, n]) => [StockItemId.forSku(sku).value, n]));
  const stock = { get: async (id: string) => (id in skus ? { available: skus[id] } : undefined) };
  return {
    answers,
    participant: new ReserveStockParticipant(
      { execute } as unknown as CommandBus,
      saga,
      queries,
      stock as unknown as StockItemReadModel,
    ),
  };
}

const command = (): EventEnvelope<never> => ({
  id: randomUUID(),
  type: 'inventory.reserve-stock',
  version: 1,
  aggregateType: 'saga',
  aggregateId: randomUUID(),
  aggregateVersion: 1,
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  originSystem: 'cloud',
  payload: {
    orderId: randomUUID(),
    lines: [
      { sku: 'CUP', quantity: 2 },
      { sku: 'SAUCER', quantity: 5 },
      { sku: 'SPOON', quantity: 1 },
    ],
  } as never,
});
const tx = {} as SqlRows;

describe('ReserveStockParticipant', () => {
  it('answers inventory.reserve-stock-succeeded with the aggregate the use case changed', async () => {
    const { answers, participant } = participantOn(async () => ({ id: 'the-id', version: 3 }));
    await participant.handle(command(), tx);
    expect(answers.map((a) => [a.reply.type, a.payload])).toEqual([
      ['inventory.reserve-stock-succeeded', { id: 'the-id', version: 3 }],
    ]);
  });

  it("answers inventory.reserve-stock-refused with a domain error's code: the saga compensates", async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Refused('not now')));
    await participant.handle(command(), tx);
    expect(answers.map((a) => [a.reply.type, a.payload])).toEqual([
      ['inventory.reserve-stock-refused', { reason: 'TEST.REFUSED', detail: 'not now' }],
    ]);
  });

  it('answers refused with the lines short when the reservation was REJECTED (all or none)', async () => {
    const { answers, participant } = participantOn(async () => ({ id: 'the-id', version: 0 }), 'REJECTED', {
      CUP: 9,
      SAUCER: 4,
    });
    await participant.handle(command(), tx);
    expect(answers.map((a) => [a.reply.type, a.payload])).toEqual([
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
