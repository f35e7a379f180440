import { join } from 'node:path';
import { Static, Type } from '@sinclair/typebox';

/** Money in bodies and events: integer minor units and the ISO 4217 code, never a decimal (ADR 0024). */
export const MoneySchema = Type.Object(
  {
    amount: Type.Integer({
      minimum: Number.MIN_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Integer minor units (cents for EUR, yen for JPY)',
      examples: [1250],
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code', examples: ['EUR'] }),
  },
  { additionalProperties: false, $id: 'Money' },
);
export type MoneyJson = Static<typeof MoneySchema>;

/** The folder .proto files import shared messages from: `import "bascule/shared/v1/money.proto";`. */
export const SHARED_PROTO_ROOT = join(__dirname, 'proto');
export const MONEY_PROTO_PATH = join(SHARED_PROTO_ROOT, 'bascule', 'shared', 'v1', 'money.proto');

/**
 * `bascule.shared.v1.Money` as @grpc/proto-loader decodes it: int64 as a number with `longs: Number` (the
 * services' setting), as a string with `longs: String`. An unset message field arrives as null.
 */
export interface MoneyMessage {
  amount: number | string;
  currency: string;
}

export function moneyToMessage(money: MoneyJson): MoneyMessage {
  return { amount: money.amount, currency: money.currency };
}

/**
 * The message as MoneyJson. An int64 beyond the safe range decodes (as a number, or from its string here) to a
 * float of at least 2^53, never a safe integer: `Money.fromJSON` (VALUE.INVALID, gRPC INVALID_ARGUMENT) and
 * MoneySchema refuse it, so a lost minor unit is always caught, never rounded.
 */
export function moneyFromMessage(message: MoneyMessage): MoneyJson {
  return { amount: Number(message.amount), currency: message.currency };
}
