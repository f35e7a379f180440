import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clientEventContracts } from '@bascule/client/contracts';
import { asyncApiDocument } from './asyncapi-document';

describe('AsyncAPI document', () => {
  const document = asyncApiDocument('Bascule client events', clientEventContracts);

  it('lists every client event contract on client.events.v1 with its schema', () => {
    expect(Object.keys(document.channels)).toEqual(['client.events.v1']);
    expect(Object.keys(document.components.messages)).toEqual(clientEventContracts.map((c) => `${c.type}.v1`));
    expect(document.components.messages['client.client-erased.v1']).toMatchObject({ payload: { properties: { payload: { required: ['clientId', 'erasedAt'] } } } });
  });

  it('is the one committed in docs/asyncapi (run `npm run asyncapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(resolve(__dirname, '../../docs/asyncapi/client.asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
