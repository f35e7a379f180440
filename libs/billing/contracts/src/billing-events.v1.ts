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

export const InvoiceCreatedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-created',
  summary: 'A invoice was created.',
  schema: Type.Object({ invoiceId, ...invoiceFields }, closed),
});
export const InvoiceLineAddedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-line-added',
  summary: 'Invoice line added.',
  schema: Type.Object(
    {
      invoiceId,
      invoiceLineId: Type.String({ format: 'uuid' }),
      sku: Type.String(),
      quantity: Type.Integer(),
      unitPrice: moneyRules,
      vatRate: Type.Integer(),
      lineExclVat: moneyRules,
    },
    closed,
  ),
});
export const InvoiceLineRemovedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-line-removed',
  summary: 'Invoice line removed.',
  schema: Type.Object({ invoiceId, invoiceLineId: Type.String({ format: 'uuid' }) }, closed),
});
export const InvoiceCreditNoteAddedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-credit-note-added',
  summary: 'Invoice credit note added.',
  schema: Type.Object(
    {
      invoiceId,
      creditNoteId: Type.String({ format: 'uuid' }),
      number: Type.String(),
      amount: moneyRules,
      reason: Type.String(),
      issuedOn: Type.String({ format: 'date' }),
    },
    closed,
  ),
});
export const InvoiceCreditNoteRemovedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-credit-note-removed',
  summary: 'Invoice credit note removed.',
  schema: Type.Object({ invoiceId, creditNoteId: Type.String({ format: 'uuid' }) }, closed),
});
export const InvoiceCreditNoteIssuedV1 = defineEvent({
  ...base,
  type: 'billing.invoice-credit-note-issued',
  summary: 'Invoice credit note issued.',
  schema: Type.Object(
    {
      invoiceId,
      status: Type.Union([Type.Literal('ISSUED'), Type.Literal('PARTIALLY_CREDITED'), Type.Literal('CREDITED')]),
      amount: moneyRules,
      reason: Type.String(),
    },
    closed,
  ),
});
export const billingEventContracts = [
  InvoiceCreatedV1,
  InvoiceLineAddedV1,
  InvoiceLineRemovedV1,
  InvoiceCreditNoteAddedV1,
  InvoiceCreditNoteRemovedV1,
  InvoiceCreditNoteIssuedV1,
] as const;

export type InvoiceCreatedV1 = PayloadOf<typeof InvoiceCreatedV1>;
export type InvoiceLineAddedV1 = PayloadOf<typeof InvoiceLineAddedV1>;
export type InvoiceLineRemovedV1 = PayloadOf<typeof InvoiceLineRemovedV1>;
export type InvoiceCreditNoteAddedV1 = PayloadOf<typeof InvoiceCreditNoteAddedV1>;
export type InvoiceCreditNoteRemovedV1 = PayloadOf<typeof InvoiceCreditNoteRemovedV1>;
export type InvoiceCreditNoteIssuedV1 = PayloadOf<typeof InvoiceCreditNoteIssuedV1>;
