import { AuthorizationCall, PaymentProvider } from '@bascule/payment/application';
import { ProviderDecision } from '@bascule/payment/domain';
import { CallPolicy, policyFetch } from '@bascule/shared/calls';

/** The provider answered something this adapter cannot read as a decision: not retried, the request fails. */
export class PaymentProviderAnswerError extends Error {
  override readonly name = 'PaymentProviderAnswerError';
}

/**
 * The payment provider over HTTP, under the call policy. The authorization is sent with its idempotency key, which
 * the provider honours: that is what makes retrying it (after a timeout or a 503) safe, so the policy may retry it.
 */
export class HttpPaymentProvider implements PaymentProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly policy: CallPolicy,
  ) {}

  async authorize(call: AuthorizationCall): Promise<ProviderDecision> {
    const answer = await policyFetch(this.policy, new URL('/authorizations', this.baseUrl), {
      operation: 'POST /authorizations',
      method: 'POST',
      idempotent: true,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': call.idempotencyKey,
        'x-correlation-id': call.correlationId,
      },
      body: JSON.stringify({ orderId: call.orderId, amount: call.amount, token: call.token }),
    });
    if (!answer.ok) {
      await answer.body?.cancel();
      throw new PaymentProviderAnswerError(`payment provider answered HTTP ${answer.status} to an authorization`);
    }
    const body = (await answer.json()) as { outcome?: string; reference?: string; reason?: string };
    if (body.outcome === 'approved' && body.reference) return { outcome: 'approved', reference: body.reference };
    if (body.outcome === 'declined' && body.reason)
      return { outcome: 'declined', reason: body.reason, reference: body.reference ?? null };
    throw new PaymentProviderAnswerError('payment provider answered an authorization without a decision');
  }
}
