import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnClientErasedHandler } from './on-client-erased.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'client.client-erased', version: 1, aggregateType: 'client' }, payload);

describe('OnClientErasedHandler', () => {
  it('keeps status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = {};
    const consumed = event(payload);
    await new OnClientErasedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_clients .*WHERE known_clients\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, 'ERASED'],
      },
    ]);
  });
});
