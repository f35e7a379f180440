import { Static, Type } from '@sinclair/typebox';
import { MoneySchema } from '@bascule/shared/contracts';

const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
export const invoiceFields = {
  orderId: Type.String({ format: 'uuid' }),
  number: Type.String({ minLength: 1, maxLength: 200 }),
  issuedOn: Type.String({ format: 'date' }),
  totalExclVat: moneyRules,
  totalVat: moneyRules,
  totalInclVat: moneyRules,
  creditedInclVat: moneyRules,
  status: Type.Union([Type.Literal('ISSUED'), Type.Literal('PARTIALLY_CREDITED'), Type.Literal('CREDITED')]),
};

/** An invoice is issued for an order billing knows: everything else comes from that order (ADR 0043). */
export const invoiceIssueFields = { orderId: invoiceFields.orderId };
export const CreateInvoiceBody = Type.Object(invoiceIssueFields, closed);
export const ListInvoicesQuerySchema = Type.Object(
  {
    orderId: Type.Optional(Type.String({ format: 'uuid', description: 'only the invoice of this order' })),
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);
/** One invoice line in a invoice's answer. */
export const InvoiceLineSchema = Type.Object({
  id,
  sku: Type.String(),
  quantity: Type.Integer(),
  unitPrice: moneyRules,
  vatRate: Type.Integer(),
  lineExclVat: moneyRules,
});
/** One credit note in a invoice's answer. */
export const CreditNoteSchema = Type.Object({
  id,
  number: Type.String(),
  amount: moneyRules,
  reason: Type.String(),
  issuedOn: Type.String({ format: 'date' }),
});
/** VAT per rate: the base excluding VAT and its VAT, rounded once per rate (ADR 0043). */
export const VatTotalSchema = Type.Object({ vatRate: Type.Integer(), base: moneyRules, vat: moneyRules });
export const InvoiceSchema = Type.Object(
  {
    id,
    version: Type.Integer(),
    orderId: Type.String({ format: 'uuid' }),
    number: Type.String(),
    issuedOn: Type.String({ format: 'date' }),
    totalExclVat: moneyRules,
    totalVat: moneyRules,
    totalInclVat: moneyRules,
    creditedInclVat: moneyRules,
    status: Type.Union([Type.Literal('ISSUED'), Type.Literal('PARTIALLY_CREDITED'), Type.Literal('CREDITED')]),
    invoiceLines: Type.Array(InvoiceLineSchema),
    creditNotes: Type.Array(CreditNoteSchema),
    vatByRate: Type.Array(VatTotalSchema),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Invoice' },
);
export const InvoicePageSchema = Type.Object(
  { items: Type.Array(InvoiceSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'InvoicePage' },
);

export type CreateInvoiceBody = Static<typeof CreateInvoiceBody>;
export type ListInvoicesQuery = Static<typeof ListInvoicesQuerySchema>;

export const IssueCreditNoteBody = Type.Object(
  { amount: moneyRules, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  closed,
);

export type IssueCreditNoteBody = Static<typeof IssueCreditNoteBody>;
