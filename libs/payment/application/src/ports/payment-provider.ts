import { MoneyJson } from '@bascule/shared/contracts';
import { ProviderDecision } from '@bascule/payment/domain';

/** What the provider is asked to authorize. The idempotency key makes a repeated request the same authorization. */
export interface AuthorizationCall {
  idempotencyKey: string;
  orderId: string;
  amount: MoneyJson;
  token: string;
  correlationId: string;
}

/**
 * The payment provider, behind the call policy (deadline, retries with backoff, breaker). A decline is a decision;
 * no answer (a deadline, a provider error, an open breaker) rejects with a CallError, and the provider holds at
 * most one authorization per idempotency key whatever was retried.
 */
export interface PaymentProvider {
  authorize(call: AuthorizationCall): Promise<ProviderDecision>;
}

export const PAYMENT_PROVIDER = Symbol('PaymentProvider');
