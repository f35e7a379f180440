import { randomUUID } from 'node:crypto';
import { CreatePaymentBody } from '../../../libs/payment/interface/src/rest/payment.schemas';
import { BareRoute, envelope } from '../bare-route';

/** The provider's deadline in payment-service (PROVIDER_DEADLINE_MS): here a plain fetch timeout, no retry or breaker. */
const PROVIDER_DEADLINE_MS = 5000;

interface Decision {
  outcome: 'approved' | 'declined';
  reference?: string;
  reason?: string;
}

/**
 * POST /payments: asks the provider at PAYMENT_PROVIDER_URL over HTTP (same body and headers as the service's
 * adapter, the payment id as idempotency key), then payment row + payment.payment-authorized (or -declined) in one
 * transaction, read back.
 */
export const paymentsRoute: BareRoute<CreatePaymentBody> = {
  path: '/payments',
  role: 'payment:write',
  body: CreatePaymentBody,
  async handle(body, { transaction, appendOutbox, readOne, correlationId }) {
    const id = randomUUID();
    const answer = await fetch(new URL('/authorizations', process.env.PAYMENT_PROVIDER_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': id, 'x-correlation-id': correlationId },
      body: JSON.stringify({ orderId: body.orderId, amount: body.amount, token: body.method.token }),
      signal: AbortSignal.timeout(PROVIDER_DEADLINE_MS),
    });
    if (!answer.ok) throw new Error(`payment provider answered HTTP ${answer.status}`);
    const decision = (await answer.json()) as Decision;
    const status = decision.outcome === 'approved' ? 'AUTHORIZED' : 'DECLINED';
    const card = { cardLast4: body.method.token.slice(-4), cardType: body.method.type };
    await transaction(async (tx) => {
      await tx.query(
        `INSERT INTO payments (id, version, order_id, authorized_amount_amount, authorized_amount_currency, status, decline_reason,
           card_last4, card_type, captured_amount_amount, captured_amount_currency, refunded_amount_amount, refunded_amount_currency, provider_reference)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, NULL, $9)`,
        [
          id,
          body.orderId,
          body.amount.amount,
          body.amount.currency,
          status,
          decision.reason ?? null,
          card.cardLast4,
          card.cardType,
          decision.reference ?? null,
        ],
      );
      const payload = { paymentId: id, orderId: body.orderId, amount: body.amount, ...card };
      await appendOutbox(
        tx,
        envelope(
          status === 'AUTHORIZED'
            ? { type: 'payment.payment-authorized', aggregateType: 'payment', aggregateId: id, payload }
            : {
                type: 'payment.payment-declined',
                aggregateType: 'payment',
                aggregateId: id,
                payload: { ...payload, reason: decision.reason },
              },
          correlationId,
        ),
      );
    });
    const row = await readOne('SELECT * FROM payments WHERE id = $1', id);
    const money = (prefix: string) =>
      row[`${prefix}_amount`] === null
        ? null
        : { amount: Number(row[`${prefix}_amount`]), currency: row[`${prefix}_currency`] };
    return {
      id,
      version: Number(row.version),
      view: {
        id: row.id,
        version: row.version,
        orderId: row.order_id,
        authorizedAmount: money('authorized_amount'),
        status: row.status,
        declineReason: row.decline_reason,
        cardLast4: row.card_last4,
        cardType: row.card_type,
        capturedAmount: money('captured_amount'),
        refundedAmount: money('refunded_amount'),
        providerReference: row.provider_reference,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    };
  },
};
