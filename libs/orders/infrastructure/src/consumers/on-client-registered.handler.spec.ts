import { anEnvelope, recordingTx } from '@bascule/shared/messaging/testing';
import { OnClientRegisteredHandler } from './on-client-registered.handler';

const event = (payload: object) =>
  anEnvelope({ type: 'client.client-registered', version: 1, aggregateType: 'client' }, payload);

describe('OnClientRegisteredHandler', () => {
  it('keeps status of the aggregate, from a newer version only', async () => {
    const { statements, tx } = recordingTx();
    const payload = { status: 'a text' };
    const consumed = event(payload);
    await new OnClientRegisteredHandler().handle(consumed, tx);
    expect(statements).toEqual([
      {
        sql: expect.stringMatching(/INSERT INTO known_clients .*WHERE known_clients\.version < EXCLUDED\.version/s),
        parameters: [consumed.aggregateId, 3, payload.status],
      },
    ]);
  });
});
