import { createHash, randomUUID } from 'node:crypto';
import Fastify, { FastifyInstance } from 'fastify';

/** The tokens the simulated provider knows; any other is declined as an unknown card. */
export const SIMULATED_TOKENS = ['tok_ok', 'tok_declined', 'tok_timeout', 'tok_error', 'tok_slow'] as const;

interface Authorization {
  fingerprint: string;
  orderId: string;
  answer: { outcome: 'approved'; reference: string } | { outcome: 'declined'; reason: string; reference: string };
}

interface AuthorizationBody {
  orderId: string;
  amount: { amount: number; currency: string };
  token: string;
}

/** What the simulated provider saw for one order: requests received, authorizations it holds (charges). */
export interface LedgerEntry {
  requests: number;
  authorizations: number;
}

/**
 * A payment provider for development and tests, deterministic by card token: `tok_ok` approves, `tok_declined`
 * declines (insufficient funds), `tok_timeout` authorizes but never answers, `tok_error` fails with a provider error
 * (503, nothing kept), `tok_slow` answers after `slowMs` (2 s). It honours `Idempotency-Key` as a real provider
 * does: a key it has seen gets the same authorization back (another body with it: 422), never a second charge.
 */
export class SimulatedPaymentProvider {
  private readonly authorizations = new Map<string, Authorization>();
  private readonly requests = new Map<string, number>();
  private server?: FastifyInstance;

  constructor(private readonly options: { slowMs?: number } = {}) {}

  /** Starts listening (port 0: any free one) and returns its base URL. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = Fastify({ logger: false, forceCloseConnections: true });
    server.post<{ Body: AuthorizationBody }>('/authorizations', (request, reply) =>
      this.authorize(String(request.headers['idempotency-key'] ?? ''), request.body, reply),
    );
    server.get<{ Params: { orderId: string } }>('/ledger/:orderId', async (request) =>
      this.ledger(request.params.orderId),
    );
    await server.listen({ port, host });
    this.server = server;
    const address = server.server.address();
    return `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  ledger(orderId: string): LedgerEntry {
    const authorizations = [...this.authorizations.values()].filter((a) => a.orderId === orderId).length;
    return { requests: this.requests.get(orderId) ?? 0, authorizations };
  }

  private async authorize(key: string, body: AuthorizationBody, reply: import('fastify').FastifyReply) {
    if (!key || !body?.orderId || !body.token || !body.amount)
      return reply.status(400).send({ error: 'invalid_request' });
    this.requests.set(body.orderId, (this.requests.get(body.orderId) ?? 0) + 1);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([body.orderId, body.amount, body.token]))
      .digest('hex');
    const known = this.authorizations.get(key);
    if (known && known.fingerprint !== fingerprint) return reply.status(422).send({ error: 'idempotency_key_reused' });
    if (body.token === 'tok_error') return reply.status(503).send({ error: 'provider_error' });
    const authorization = known ?? this.record(key, fingerprint, body);
    if (body.token === 'tok_timeout') return new Promise<never>(() => undefined);
    if (body.token === 'tok_slow') await new Promise((resolve) => setTimeout(resolve, this.options.slowMs ?? 2000));
    return reply.status(known ? 200 : 201).send(authorization.answer);
  }

  private record(key: string, fingerprint: string, body: AuthorizationBody): Authorization {
    const reference = `sim_${randomUUID()}`;
    const answer: Authorization['answer'] =
      body.token === 'tok_declined'
        ? { outcome: 'declined', reason: 'insufficient_funds', reference }
        : (SIMULATED_TOKENS as readonly string[]).includes(body.token)
          ? { outcome: 'approved', reference }
          : { outcome: 'declined', reason: 'card_unknown', reference };
    const authorization = { fingerprint, orderId: body.orderId, answer };
    this.authorizations.set(key, authorization);
    return authorization;
  }
}
