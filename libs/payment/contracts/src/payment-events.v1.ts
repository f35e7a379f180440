import { Type } from '@sinclair/typebox';
import { defineEvent, MoneySchema, PayloadOf } from '@bascule/shared/contracts';

/** The payment context's published language on Kafka, version 1. A breaking change adds a V2 beside it. */
export const PAYMENT_EVENTS_TOPIC = 'payment.events.v1';
const base = { version: 1, topic: PAYMENT_EVENTS_TOPIC, aggregateType: 'payment' } as const;
const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
const paymentId = Type.String({ format: 'uuid' });
export const PaymentCapturedV1 = defineEvent({
  ...base,
  type: 'payment.payment-captured',
  summary: 'Payment captured.',
  schema: Type.Object(
    {
      paymentId,
      status: Type.Union([
        Type.Literal('AUTHORIZED'),
        Type.Literal('DECLINED'),
        Type.Literal('CAPTURED'),
        Type.Literal('VOIDED'),
        Type.Literal('REFUNDED'),
        Type.Literal('PARTIALLY_REFUNDED'),
      ]),
      amount: moneyRules,
    },
    closed,
  ),
});
export const PaymentVoidedV1 = defineEvent({
  ...base,
  type: 'payment.payment-voided',
  summary: 'Payment voided.',
  schema: Type.Object(
    {
      paymentId,
      status: Type.Union([
        Type.Literal('AUTHORIZED'),
        Type.Literal('DECLINED'),
        Type.Literal('CAPTURED'),
        Type.Literal('VOIDED'),
        Type.Literal('REFUNDED'),
        Type.Literal('PARTIALLY_REFUNDED'),
      ]),
    },
    closed,
  ),
});
export const PaymentRefundedV1 = defineEvent({
  ...base,
  type: 'payment.payment-refunded',
  summary: 'Payment refunded.',
  schema: Type.Object(
    {
      paymentId,
      status: Type.Union([
        Type.Literal('AUTHORIZED'),
        Type.Literal('DECLINED'),
        Type.Literal('CAPTURED'),
        Type.Literal('VOIDED'),
        Type.Literal('REFUNDED'),
        Type.Literal('PARTIALLY_REFUNDED'),
      ]),
      amount: moneyRules,
    },
    closed,
  ),
});
export const PaymentAuthorizedV1 = defineEvent({
  ...base,
  type: 'payment.payment-authorized',
  summary: 'Payment authorized.',
  schema: Type.Object(
    {
      paymentId,
      orderId: Type.String({ format: 'uuid' }),
      amount: moneyRules,
      cardLast4: Type.String(),
      cardType: Type.String(),
    },
    closed,
  ),
});
export const PaymentDeclinedV1 = defineEvent({
  ...base,
  type: 'payment.payment-declined',
  summary: 'Payment declined.',
  schema: Type.Object(
    {
      paymentId,
      orderId: Type.String({ format: 'uuid' }),
      amount: moneyRules,
      reason: Type.String(),
      cardLast4: Type.String(),
      cardType: Type.String(),
    },
    closed,
  ),
});
export const PaymentSyncedFromLegacyV1 = defineEvent({
  ...base,
  type: 'payment.payment-synced-from-legacy',
  summary: 'Payment synced from legacy.',
  schema: Type.Object(
    {
      paymentId,
      orderId: Type.String(),
      authorizedAmount: moneyRules,
      status: Type.Union([
        Type.Literal('AUTHORIZED'),
        Type.Literal('DECLINED'),
        Type.Literal('CAPTURED'),
        Type.Literal('VOIDED'),
        Type.Literal('REFUNDED'),
        Type.Literal('PARTIALLY_REFUNDED'),
      ]),
      method: Type.Union([
        Type.Union([Type.Literal('CARD'), Type.Literal('TRANSFER'), Type.Literal('DIRECT_DEBIT')]),
        Type.Null(),
      ]),
      maskedIban: Type.Union([Type.String(), Type.Null()]),
      paidOn: Type.Union([Type.String(), Type.Null()]),
    },
    closed,
  ),
});
export const paymentEventContracts = [
  PaymentCapturedV1,
  PaymentVoidedV1,
  PaymentRefundedV1,
  PaymentAuthorizedV1,
  PaymentDeclinedV1,
  PaymentSyncedFromLegacyV1,
] as const;

export type PaymentCapturedV1 = PayloadOf<typeof PaymentCapturedV1>;
export type PaymentVoidedV1 = PayloadOf<typeof PaymentVoidedV1>;
export type PaymentRefundedV1 = PayloadOf<typeof PaymentRefundedV1>;
export type PaymentAuthorizedV1 = PayloadOf<typeof PaymentAuthorizedV1>;
export type PaymentDeclinedV1 = PayloadOf<typeof PaymentDeclinedV1>;
export type PaymentSyncedFromLegacyV1 = PayloadOf<typeof PaymentSyncedFromLegacyV1>;
