import { recordingSaga } from '@bascule/saga/testing';
import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnOrderConfirmedHandler } from './on-order-confirmed.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'orders.order-confirmed', version: 1, aggregateType: 'order' }, payload);

describe('OnOrderConfirmedHandler', () => {
  it('keeps status of the aggregate, from a newer version only, then resumes the invoices waiting for it', async () => {
    const { statements, tx } = recordingTx();
    const { saga, resumed } = recordingSaga();
    const payload = { status: 'a text' };
    const consumed = event(payload);
    await new OnOrderConfirmedHandler(saga).handle(consumed, tx);
    expect(resumed).toEqual([`order-confirmed:${consumed.aggregateId}`]);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_orders .*WHERE known_orders\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, payload.status],
      },
    ]);
  });
});
