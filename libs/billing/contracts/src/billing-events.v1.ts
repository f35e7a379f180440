import { Type } from '@sinclair/typebox';
import { defineEvent, MoneySchema, PayloadOf } from '@bascule/shared/contracts';

/** The billing context's published language on Kafka, version 1. A breaking change adds a V2 beside it. */
export const BILLING_EVENTS_TOPIC = 'billing.events.v1';
const base = { version: 1, topic: BILLING_EVENTS_TOPIC, aggregateType: 'invoice' } as const;
const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
const invoiceId = Type.String({ format: 'uuid' });
/** The invoice's fields as events carry them (null: an optional one not given). */
const invoiceFields = {
  orderId: Type.String({ format: 'uuid' }),
  number: Type.String(),
  issuedOn: Type.String({ format: 'date' }),
  totalExclVat: moneyRules,
  totalVat: moneyRules,
  totalInclVat: moneyRules,
  creditedInclVat: moneyRules,
  status: Type.Union([Type.Literal('ISSUED'), Type.Literal('PARTIALLY_CREDITED'), Type.Literal('CREDITED')]),
};

const invoiceLine = Type.Object(
  {
    invoiceLineId: Type.String({ format: 'uuid' }),
    sku: Type.String(),
    quantity: Type.Integer(),
    unitPrice: moneyRules,
    vatRate: Type.Integer({ description: 'basis points: 2000 is 20 %' }),
    lineExclVat: moneyRules,
  },
  closed,
);

export const InvoiceCreatedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-created',
  summary: 'An invoice was issued for a confirmed order, under its number, with its lines (never changed afterwards).',
  schema: Type.Object({ invoiceId, ...invoiceFields, lines: Type.Array(invoiceLine) }, closed),
});
export const InvoiceCreditNoteIssuedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-credit-note-issued',
  summary: 'A credit note (avoir) was issued against an invoice, under its own number.',
  schema: Type.Object(
    {
      invoiceId,
      creditNoteId: Type.String({ format: 'uuid' }),
      number: Type.String(),
      issuedOn: Type.String({ format: 'date' }),
      amount: moneyRules,
      reason: Type.String(),
      creditedInclVat: moneyRules,
      status: Type.Union([Type.Literal('ISSUED'), Type.Literal('PARTIALLY_CREDITED'), Type.Literal('CREDITED')]),
    },
    closed,
  ),
});
export const billingEventContracts = [InvoiceCreatedV1, InvoiceCreditNoteIssuedV1] as const;

export type InvoiceCreatedV1 = PayloadOf<typeof InvoiceCreatedV1>;
export type InvoiceCreditNoteIssuedV1 = PayloadOf<typeof InvoiceCreditNoteIssuedV1>;
