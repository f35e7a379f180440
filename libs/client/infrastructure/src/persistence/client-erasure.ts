import { redactIdempotentAnswers } from '@bascule/shared/persistence';
import { rewriteOutboxPayloads, SqlRows } from '@bascule/shared/persistence';

const ERASED = 'erased';

/**
 * Everything else the context keeps about a client, scrubbed in the erasing transaction (ADR 0007): the
 * outbox payloads (pseudonymised like the row, so unsent events stay valid for their contract), the stored
 * `Idempotency-Key` answers, and the legacy key map's copy of the row (reduced to status and creation date).
 */
export async function scrubErasedClient(tx: SqlRows, clientId: string): Promise<void> {
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

/** The personal fields of the v1 payloads, replaced by what the erased row holds (or a neutral value the contract accepts). */
export function pseudonymised(payload: Record<string, unknown>, clientId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  if ('givenName' in out) out.givenName = 'Erased';
  if ('familyName' in out) out.familyName = 'Client';
  if (typeof out.email === 'string') out.email = `erased-${clientId}@erased.invalid`;
  if ('phone' in out) out.phone = null;
  if ('reason' in out) out.reason = ERASED;
  if (out.address && typeof out.address === 'object') {
    const { country } = out.address as { country?: string };
    out.address = { line1: ERASED, line2: null, postalCode: ERASED, city: ERASED, country };
  }
  return out;
}
