import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import { Value } from '@sinclair/typebox/value';
import { MONEY_PROTO_PATH, moneyFromMessage, MoneySchema, moneyToMessage } from './money.schema';
import { PROTO_LOADER_OPTIONS } from './proto-loader-options';

/** A context's .proto that imports the shared message, as the generated ones do. */
function priceCodec(options: object = PROTO_LOADER_OPTIONS) {
  const dir = mkdtempSync(join(tmpdir(), 'money-proto-'));
  writeFileSync(
    join(dir, 'shop.proto'),
    `syntax = "proto3";
package test.shop.v1;
import "bascule/shared/v1/money.proto";
message Price { string sku = 1; bascule.shared.v1.Money price = 2; }
service Shop { rpc Echo(Price) returns (Price); }`,
  );
  const definition = loadSync(join(dir, 'shop.proto'), options) as unknown as Record<
    string,
    Record<string, { requestSerialize(value: object): Buffer; requestDeserialize(bytes: Buffer): object }>
  >;
  return definition['test.shop.v1.Shop'].Echo;
}

describe('Money on the wire', () => {
  it('is a closed TypeBox schema of integer minor units and an ISO 4217 code', () => {
    expect(Value.Check(MoneySchema, { amount: 1250, currency: 'EUR' })).toBe(true);
    expect(Value.Check(MoneySchema, { amount: -Number.MAX_SAFE_INTEGER, currency: 'JPY' })).toBe(true);
    for (const wrong of [
      { amount: 12.5, currency: 'EUR' },
      { amount: '1250', currency: 'EUR' },
      { amount: 2 ** 53, currency: 'EUR' },
      { amount: 1, currency: 'eur' },
      { amount: 1, currency: 'EURO' },
      { amount: 1, currency: 'EUR', decimals: 2 },
    ])
      expect(Value.Check(MoneySchema, wrong)).toBe(false);
  });

  it('travels as bascule.shared.v1.Money imported by a context proto, int64 decoded to an exact number', () => {
    expect(MONEY_PROTO_PATH).toMatch(/bascule\/shared\/v1\/money\.proto$/);
    const echo = priceCodec();
    for (const amount of [0, 1, -1, 1250, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      const bytes = echo.requestSerialize({ sku: 'A', price: moneyToMessage({ amount, currency: 'EUR' }) });
      const decoded = echo.requestDeserialize(bytes) as { price: { amount: number; currency: string } };
      expect(moneyFromMessage(decoded.price)).toEqual({ amount, currency: 'EUR' });
    }
  });

  it('turns an int64 beyond the safe range into an amount the schema refuses, never a rounded one', () => {
    const asText = priceCodec({ ...PROTO_LOADER_OPTIONS, longs: String });
    const bytes = asText.requestSerialize({ sku: 'A', price: { amount: '9007199254740993', currency: 'EUR' } });
    const asNumber = priceCodec().requestDeserialize(bytes) as { price: { amount: number; currency: string } };
    expect(Value.Check(MoneySchema, moneyFromMessage(asNumber.price))).toBe(false);
    const text = asText.requestDeserialize(bytes) as { price: { amount: string; currency: string } };
    expect(text.price.amount).toBe('9007199254740993');
    expect(Number.isSafeInteger(moneyFromMessage(text.price).amount)).toBe(false);
  });
});
