import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnClientReactivatedHandler } from './on-client-reactivated.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'client.client-reactivated', version: 1, aggregateType: 'client' }, payload);

describe('OnClientReactivatedHandler', () => {
  it('keeps status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = {};
    const consumed = event(payload);
    await new OnClientReactivatedHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_clients .*WHERE known_clients\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, 'ACTIVE'],
      },
    ]);
  });
});
