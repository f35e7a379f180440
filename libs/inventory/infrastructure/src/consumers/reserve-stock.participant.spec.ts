import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { SagaAnswer, SagaParticipant } from '@bascule/saga';
import { EventEnvelope } from '@bascule/shared/contracts';
import { DomainError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { ReserveStockParticipant } from './reserve-stock.participant';

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
  return { answers, participant: new ReserveStockParticipant({ execute } as unknown as CommandBus, saga) };
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
  payload: { orderId: randomUUID() } as never,
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

  it('lets any other error through, for the consumer engine to retry', async () => {
    const { answers, participant } = participantOn(() => Promise.reject(new Error('connection reset')));
    await expect(participant.handle(command(), tx)).rejects.toThrow('connection reset');
    expect(answers).toEqual([]);
  });
});
