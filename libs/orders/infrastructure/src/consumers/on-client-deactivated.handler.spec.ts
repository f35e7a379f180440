import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnClientDeactivatedHandler } from './on-client-deactivated.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'client.client-deactivated', version: 1, aggregateType: 'client' }, payload);

describe('OnClientDeactivatedHandler', () => {
  it('keeps status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = {};
    const consumed = event(payload);
    await new OnClientDeactivatedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_clients .*WHERE known_clients\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, 'INACTIVE'],
      },
    ]);
  });
});
