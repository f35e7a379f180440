import { Static, Type } from '@sinclair/typebox';
import { id, paymentFields } from '../rest/payment.schemas';
import { MoneySchema } from '@bascule/shared/contracts';
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const CreatePaymentRequest = Type.Object(paymentFields);
export const GetPaymentRequest = Type.Object({ id });
export const ListPaymentsRequest = Type.Object({
  orderId: Type.Optional(id),
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type CreatePaymentRequest = Static<typeof CreatePaymentRequest>;
export type GetPaymentRequest = Static<typeof GetPaymentRequest>;
export type ListPaymentsRequest = Static<typeof ListPaymentsRequest>;

/** A change of one payment: which, at which version (0, unset, is refused). */
export const CaptureRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  amount: moneyRules,
});

export type CaptureRequest = Static<typeof CaptureRequest>;

/** A change of one payment: which, at which version (0, unset, is refused). */
export const PaymentVersionRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

export type PaymentVersionRequest = Static<typeof PaymentVersionRequest>;

/** A change of one payment: which, at which version (0, unset, is refused). */
export const RefundRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  amount: moneyRules,
});

export type RefundRequest = Static<typeof RefundRequest>;
