import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '../transactions';

/**
 * GDPR erasure in the outbox, inside the erasing transaction: every row of the aggregate still kept
 * (unsent, or sent and waiting for the purge) gets its payload rewritten by the context, which knows
 * which fields are personal. Unsent rows stay publishable: the rewrite keeps them valid for their contract.
 */
export async function rewriteOutboxPayloads(
  tx: SqlRows,
  aggregateType: string,
  aggregateId: string,
  rewrite: (envelope: EventEnvelope) => EventEnvelope,
): Promise<number> {
  const rows = await tx.query<{ id: string; payload: EventEnvelope }>(
    'SELECT id, payload FROM outbox WHERE aggregateid = $1 AND aggregatetype = $2 FOR UPDATE',
    [aggregateId, aggregateType],
  );
  for (const row of rows) {
    const rewritten = rewrite(row.payload);
    if (JSON.stringify(rewritten) !== JSON.stringify(row.payload))
      await tx.query('UPDATE outbox SET payload = $2 WHERE id = $1', [row.id, JSON.stringify(rewritten)]);
  }
  return rows.length;
}
