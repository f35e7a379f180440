import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { clientEventContracts } from '@bascule/client/contracts';
import { asyncApiDocument } from './asyncapi-document';
import { asyncApiFile, publishedContracts } from './published-contracts';

describe('AsyncAPI document', () => {
  const document = asyncApiDocument('Bascule client events', clientEventContracts);

  it('lists every client event contract on client.events.v1 with its schema', () => {
    expect(Object.keys(document.channels)).toEqual(['client.events.v1']);
    expect(Object.keys(document.components.messages)).toEqual(clientEventContracts.map((c) => `${c.type}.v1`));
    expect(document.components.messages['client.client-erased.v1']).toMatchObject({
      payload: { properties: { payload: { required: ['clientId', 'erasedAt'] } } },
    });
  });

  it('is the one committed in docs/asyncapi (run `npm run asyncapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(asyncApiFile('client'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is valid AsyncAPI 3.1 for the maintained parser: no error, no warning, no hint', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.map((d) => `${d.code} ${d.message} at ${d.path.join('/')}`)).toEqual([]);
    expect(
      parsed
        ?.messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(clientEventContracts.map((c) => c.type));
  });

  it.each(publishedContracts())('of every context is committed and valid: $context', async ({ context, contracts }) => {
    const generated = asyncApiDocument(`Bascule ${context} events`, contracts);
    expect(JSON.parse(readFileSync(asyncApiFile(context), 'utf8'))).toEqual(JSON.parse(JSON.stringify(generated)));
    const { diagnostics } = await new Parser().parse(JSON.stringify(generated));
    expect(diagnostics.map((d) => `${d.code} ${d.message} at ${d.path.join('/')}`)).toEqual([]);
  });
});
