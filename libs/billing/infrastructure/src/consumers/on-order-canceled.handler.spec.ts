import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { OnOrderCanceledHandler } from './on-order-canceled.handler';

/** The statements the handler runs in the consumer's transaction, recorded. */
function recordingTx() {
  const statements: { sql: string; parameters?: unknown[] }[] = [];
  const tx = { query: async (sql: string, parameters?: unknown[]) => (statements.push({ sql, parameters }), []) };
  return { statements, tx: tx as unknown as SqlRows };
}

const event = (payload: object): EventEnvelope<never> => ({
  id: randomUUID(),
  type: 'orders.order-canceled',
  version: 1,
  aggregateType: 'order',
  aggregateId: randomUUID(),
  aggregateVersion: 3,
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: null,
  originSystem: 'cloud',
  payload: payload as never,
});

describe('OnOrderCanceledHandler', () => {
  it('keeps status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { status: 'a text' };
    const consumed = event(payload);
    await new OnOrderCanceledHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_orders .*WHERE known_orders\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, payload.status],
      },
    ]);
  });
});
