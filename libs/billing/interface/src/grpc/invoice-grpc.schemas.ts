import { Static, Type } from '@sinclair/typebox';
import { id, invoiceIssueFields } from '../rest/invoice.schemas';
import { MoneySchema } from '@bascule/shared/contracts';
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const CreateInvoiceRequest = Type.Object(invoiceIssueFields);
export const GetInvoiceRequest = Type.Object({ id });
export const ListInvoicesRequest = Type.Object({
  orderId: Type.Optional(id),
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type CreateInvoiceRequest = Static<typeof CreateInvoiceRequest>;
export type GetInvoiceRequest = Static<typeof GetInvoiceRequest>;
export type ListInvoicesRequest = Static<typeof ListInvoicesRequest>;

/** A change of one invoice: which, at which version (0, unset, is refused). */
export const IssueCreditNoteRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  amount: moneyRules,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

export type IssueCreditNoteRequest = Static<typeof IssueCreditNoteRequest>;
