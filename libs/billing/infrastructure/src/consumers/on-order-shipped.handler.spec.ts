import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnOrderShippedHandler } from './on-order-shipped.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'orders.order-shipped', version: 1, aggregateType: 'order' }, payload);

describe('OnOrderShippedHandler', () => {
  it('keeps status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { status: 'a text' };
    const consumed = event(payload);
    await new OnOrderShippedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_orders .*WHERE known_orders\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, payload.status],
      },
    ]);
  });
});
