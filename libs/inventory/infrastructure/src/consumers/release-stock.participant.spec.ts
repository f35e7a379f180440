import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { StockReservationNotFound } from '@bascule/inventory/domain';
import { SagaAnswer, SagaParticipant } from '@bascule/saga';
import { EventEnvelope } from '@bascule/shared/contracts';
import { DomainError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { ReleaseStockParticipant } from './release-stock.participant';

class Refused extends DomainError {
  readonly code = 'TEST.REFUSED';
}

/** The participant on a use case that answers `execute`; its answers recorded instead of written to the outbox. */
function participantOn(execute: () => Promise<unknown>) {
  const answers: SagaAnswer[] = [];
  const saga = {
    answer: async (_command: unknown, _tx: unknown, _delivery: unknown, work: () => Promise<SagaAnswer>) =>
      void answers.push(await work()),
  } as unknown as SagaParticipant;
  return { answers, participant: new ReleaseStockParticipant({ execute } as unknown as CommandBus, saga) };
}

const command = (): EventEnvelope<never> => ({
  id: randomUUID(),
  type: 'inventory.release-stock',
  version: 1,
  aggregateType: 'saga',
  aggregateId: randomUUID(),
  aggregateVersion: 1,
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  originSystem: 'cloud',
  payload: { orderId: randomUUID() } as never,
});
const tx = {} as SqlRows;

describe('ReleaseStockParticipant', () => {
  it('answers inventory.release-stock-succeeded with the aggregate the use case changed', async () => {
    const { answers, participant } = participantOn(async () => ({ id: 'the-id', version: 3 }));
    await participant.handle(command(), tx);
    expect(answers.map((a) => [a.reply.type, a.payload])).toEqual([
      ['inventory.release-stock-succeeded', { id: 'the-id', version: 3 }],
    ]);
  });

  it("answers inventory.release-stock-refused with a domain error's code: the saga compensates", async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Refused('not now')));
    await participant.handle(command(), tx);
    expect(answers.map((a) => [a.reply.type, a.payload])).toEqual([
      ['inventory.release-stock-refused', { reason: 'TEST.REFUSED', detail: 'not now' }],
    ]);
  });

  it('answers done for a reservation never made: a compensation with nothing to undo', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new StockReservationNotFound('x')));
    const released = command();
    await participant.handle(released, tx);
    expect(answers.map((a) => [a.reply.type, a.payload])).toEqual([
      ['inventory.release-stock-succeeded', { id: (released.payload as { orderId: string }).orderId, version: 0 }],
    ]);
  });

  it('lets any other error through, for the consumer engine to retry', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Error('connection reset')));
    await expect(participant.handle(command(), tx)).rejects.toThrow('connection reset');
    expect(answers).toEqual([]);
  });
});
