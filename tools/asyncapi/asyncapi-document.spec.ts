import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { clientEventContracts } from '@bascule/client/contracts';
import { inventoryEventContracts } from '@bascule/inventory/contracts';
import { asyncApiDocument } from './asyncapi-document';
import { asyncApiFile, publishedContracts } from './published-contracts';

interface JsonSchema {
  required?: string[];
  properties?: Record<string, { anyOf?: { const?: unknown }[] }>;
}

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

  it('states inventory’s VAT rate as an optional v1 field: one of the four French rates, never required', () => {
    const inventory = asyncApiDocument('Bascule inventory events', inventoryEventContracts);
    const payloadOf = (type: string) =>
      (inventory.components.messages[`${type}.v1`] as { payload: { properties: { payload: JsonSchema } } }).payload
        .properties.payload;
    const created = payloadOf('inventory.stock-item-created');
    expect(created.required).not.toContain('vatRate');
    expect(created.properties?.vatRate?.anyOf?.map((rate) => rate.const)).toEqual([2000, 1000, 550, 210]);
    expect(payloadOf('inventory.stock-item-vat-rate-changed').required).toEqual(['stockItemId', 'sku', 'vatRate']);
  });

  it.each(publishedContracts())('of every context is committed and valid: $context', async ({ context, contracts }) => {
    const generated = asyncApiDocument(`Bascule ${context} events`, contracts);
    expect(JSON.parse(readFileSync(asyncApiFile(context), 'utf8'))).toEqual(JSON.parse(JSON.stringify(generated)));
    const { diagnostics } = await new Parser().parse(JSON.stringify(generated));
    expect(diagnostics.map((d) => `${d.code} ${d.message} at ${d.path.join('/')}`)).toEqual([]);
  });
});
