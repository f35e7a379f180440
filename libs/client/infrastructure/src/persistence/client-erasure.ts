import { isSealed } from '@bascule/shared/contracts';
import { redactIdempotentAnswers, shredSubject } from '@bascule/shared/persistence';
import { rewriteOutboxPayloads, SqlRows } from '@bascule/shared/persistence';

const ERASED = 'erased';

/**
 * Everything else the context keeps about a client, scrubbed in the erasing transaction (ADR 0007): its data
 * key destroyed (every sealed copy of its fields, on Kafka and in outbox rows, unreadable: ADR 0033), the outbox
 * payloads written before sealing existed pseudonymised like the row, the stored `Idempotency-Key` answers, and
 * the legacy key map's copy of the row (reduced to status and creation date).
 */
export async function scrubErasedClient(tx: SqlRows, clientId: string): Promise<void> {
  await shredSubject(tx, clientId);
  await rewriteOutboxPayloads(tx, 'client', clientId, (envelope) => ({
    ...envelope,
    payload: pseudonymised(envelope.payload as Record<string, unknown>, clientId),
  }));
  await redactIdempotentAnswers(tx, clientId);
  await tx.query(
    `UPDATE legacy_client_keys SET legacy_row = jsonb_build_object('STATUT', 'X', 'DATE_CREATION', legacy_row->'DATE_CREATION') WHERE client_id = $1 AND legacy_row IS NOT NULL`,
    [clientId],
  );
}

/**
 * The personal fields of the v1 payloads written in clear (before ADR 0033), replaced by what the erased row
 * holds; sealed ones are left as they are: the destroyed key already made them unreadable.
 */
export function pseudonymised(payload: Record<string, unknown>, clientId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  const replace = (field: string, value: unknown) => {
    if (field in out && !isSealed(out[field])) out[field] = value;
  };
  replace('givenName', 'Erased');
  replace('familyName', 'Client');
  if (typeof out.email === 'string') replace('email', `erased-${clientId}@erased.invalid`);
  replace('phone', null);
  replace('reason', ERASED);
  if (out.address && typeof out.address === 'object') {
    const { country } = out.address as { country?: string };
    out.address = { line1: ERASED, line2: null, postalCode: ERASED, city: ERASED, country };
  }
  return out;
}
