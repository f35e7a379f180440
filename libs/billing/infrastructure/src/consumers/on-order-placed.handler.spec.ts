import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnOrderPlacedHandler } from './on-order-placed.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'orders.order-placed', version: 1, aggregateType: 'order' }, payload);

describe('OnOrderPlacedHandler', () => {
  it('keeps total, lines, status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { total: { any: 'value' }, lines: { any: 'value' }, status: 'a text' };
    const consumed = event(payload);
    await new OnOrderPlacedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_orders .*WHERE known_orders\.version < EXCLUDED\.version/s),
        parameters: [
          consumed.aggregateId,
          3,
          JSON.stringify(payload.total),
          JSON.stringify(payload.lines),
          payload.status,
        ],
      },
    ]);
  });
});
