import { PaymentRepository } from '@bascule/payment/application';
import { Payment, PaymentId } from '@bascule/payment/domain';

/**
 * The payment a saga made for an order (ADR 0057); none when never made. Read through the repository, not the read
 * model: in the consumer's unit of work, saves are written at its commit, and only the repository sees those of the
 * commands before this one in the batch (an authorization and its retry delivered together).
 */
export async function orderPaymentOf(
  payments: PaymentRepository,
  orderId: string,
): Promise<{ id: string; payment: Payment | undefined }> {
  const id = PaymentId.forOrder(orderId).value;
  return { id, payment: await payments.findById(id) };
}

/** A compensation with nothing to undo (ADR 0055): done, the order's payment at version 0 (never made). */
export const nothingToUndo = (id: string) => ({ id, version: 0 });
