import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';

/**
 * The saga commands the billing context takes on billing.commands.v1 and its replies on saga.replies.v1, keyed by saga
 * id (ADR 0055, 0056). Given to the service's OutboxWriter with its events, never published as its events.
 */
const command = { version: 1, topic: 'billing.commands.v1', aggregateType: 'saga' } as const;
const reply = { version: 1, topic: 'saga.replies.v1', aggregateType: 'saga' } as const;
const closed = { additionalProperties: false } as const;
export const IssueInvoiceV1 = defineEvent({
  ...command,
  type: 'billing.issue-invoice',
  summary: 'A saga asks the billing context to issue invoice.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }) }, closed),
});
export const IssueInvoiceSucceededV1 = defineEvent({
  ...reply,
  type: 'billing.issue-invoice-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const IssueInvoiceRefusedV1 = defineEvent({
  ...reply,
  type: 'billing.issue-invoice-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});
export const IssueCreditNoteV1 = defineEvent({
  ...command,
  type: 'billing.issue-credit-note',
  summary: 'A saga asks the billing context to issue credit note.',
  schema: Type.Object({ orderId: Type.String({ format: 'uuid' }), reason: Type.String() }, closed),
});
export const IssueCreditNoteSucceededV1 = defineEvent({
  ...reply,
  type: 'billing.issue-credit-note-succeeded',
  summary: 'Done: the aggregate the use case changed, at its version.',
  schema: Type.Object({ id: Type.String(), version: Type.Integer() }, closed),
});
export const IssueCreditNoteRefusedV1 = defineEvent({
  ...reply,
  type: 'billing.issue-credit-note-refused',
  summary: 'Refused: the domain error code and its message.',
  schema: Type.Object({ reason: Type.String(), detail: Type.String() }, closed),
});

export const billingSagaContracts = [
  IssueInvoiceV1,
  IssueInvoiceSucceededV1,
  IssueInvoiceRefusedV1,
  IssueCreditNoteV1,
  IssueCreditNoteSucceededV1,
  IssueCreditNoteRefusedV1,
] as const;
