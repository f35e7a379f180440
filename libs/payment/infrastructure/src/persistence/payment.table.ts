import {
  PaymentCapturedV1,
  PaymentVoidedV1,
  PaymentRefundedV1,
  PaymentAuthorizedV1,
  PaymentDeclinedV1,
  PaymentSyncedFromLegacyV1,
} from '@bascule/payment/contracts';
import { Payment, PaymentEvent, PaymentId, PaymentMethod, PaymentStatus } from '@bascule/payment/domain';
import { Clock } from '@bascule/shared/ddd';
import { AggregateTable, IntegrationEvent, MoneyColumns } from '@bascule/shared/persistence';

/**
 * A row of `payments` as written; `SELECT *` adds the timestamps (and reads a bigint back as a
 * string).
 */
export interface PaymentWrite {
  id: string;
  version: number;
  order_id: string;
  authorized_amount_amount: number | string | null;
  authorized_amount_currency: string | null;
  status: string;
  decline_reason: string | null;
  method: string | null;
  card_last4: string | null;
  card_type: string | null;
  masked_iban: string | null;
  paid_on: string | null;
  captured_amount_amount: number | string | null;
  captured_amount_currency: string | null;
  refunded_amount_amount: number | string | null;
  refunded_amount_currency: string | null;
  provider_reference: string | null;
}
export type PaymentRow = PaymentWrite & { created_at: Date; updated_at: Date };
export const authorizedAmountColumns = new MoneyColumns('authorized_amount');
export const capturedAmountColumns = new MoneyColumns('captured_amount');
export const refundedAmountColumns = new MoneyColumns('refunded_amount');

/** Domain event → published integration event (v1): the only place the two vocabularies meet. */
function integrationEventOf(event: PaymentEvent): IntegrationEvent {
  switch (event.type) {
    case 'PaymentCaptured':
      return {
        contract: PaymentCapturedV1,
        payload: { paymentId: event.aggregateId, status: event.status, amount: event.amount.toJSON() },
      };
    case 'PaymentVoided':
      return { contract: PaymentVoidedV1, payload: { paymentId: event.aggregateId, status: event.status } };
    case 'PaymentRefunded':
      return {
        contract: PaymentRefundedV1,
        payload: { paymentId: event.aggregateId, status: event.status, amount: event.amount.toJSON() },
      };
    case 'PaymentAuthorized':
      return {
        contract: PaymentAuthorizedV1,
        payload: {
          paymentId: event.aggregateId,
          orderId: event.orderId,
          amount: event.amount.toJSON(),
          cardLast4: event.cardLast4,
          cardType: event.cardType,
        },
      };
    case 'PaymentDeclined':
      return {
        contract: PaymentDeclinedV1,
        payload: {
          paymentId: event.aggregateId,
          orderId: event.orderId,
          amount: event.amount.toJSON(),
          reason: event.reason,
          cardLast4: event.cardLast4,
          cardType: event.cardType,
        },
      };
    case 'PaymentSyncedFromLegacy':
      return {
        contract: PaymentSyncedFromLegacyV1,
        payload: {
          paymentId: event.aggregateId,
          orderId: event.orderId,
          authorizedAmount: event.authorizedAmount.toJSON(),
          status: event.status,
          method: event.method,
          maskedIban: event.maskedIban,
          paidOn: event.paidOn,
        },
      };
  }
}

/** How payments are stored: the row, the mapping both ways, the events they publish. */
export const paymentTable = (clock: Clock): AggregateTable<Payment, PaymentWrite, PaymentRow> => ({
  name: 'payment',
  table: 'payments',
  columns: {
    id: 'uuid',
    version: 'integer',
    order_id: 'uuid',
    authorized_amount_amount: 'bigint',
    authorized_amount_currency: 'char(3)',
    status: 'text',
    decline_reason: 'text',
    method: 'text',
    card_last4: 'text',
    card_type: 'text',
    masked_iban: 'text',
    paid_on: 'text',
    captured_amount_amount: 'bigint',
    captured_amount_currency: 'char(3)',
    refunded_amount_amount: 'bigint',
    refunded_amount_currency: 'char(3)',
    provider_reference: 'text',
  },
  updatedAtColumn: 'updated_at',
  toRow: (payment) => ({
    id: payment.id.value,
    version: payment.version,
    order_id: payment.snapshot.orderId,
    ...authorizedAmountColumns.toRow(payment.snapshot.authorizedAmount),
    status: payment.snapshot.status,
    decline_reason: payment.snapshot.declineReason,
    method: payment.snapshot.method,
    card_last4: payment.snapshot.cardLast4,
    card_type: payment.snapshot.cardType,
    masked_iban: payment.snapshot.maskedIban,
    paid_on: payment.snapshot.paidOn,
    ...capturedAmountColumns.toRow(payment.snapshot.capturedAmount),
    ...refundedAmountColumns.toRow(payment.snapshot.refundedAmount),
    provider_reference: payment.snapshot.providerReference,
  }),
  toAggregate: (row) =>
    Payment.reconstitute(
      PaymentId.of(row.id),
      row.version,
      {
        orderId: row.order_id,
        authorizedAmount: authorizedAmountColumns.fromRow(row),
        status: row.status as PaymentStatus,
        declineReason: row.decline_reason,
        method: row.method as PaymentMethod | null,
        cardLast4: row.card_last4,
        cardType: row.card_type,
        maskedIban: row.masked_iban,
        paidOn: row.paid_on,
        capturedAmount: capturedAmountColumns.optionalFromRow(row),
        refundedAmount: refundedAmountColumns.optionalFromRow(row),
        providerReference: row.provider_reference,
      },
      clock,
    ),
  integrationEventOf,
});
