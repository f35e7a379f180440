import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '../transactions';

/** Unsent rows, then published ones kept until the purge (the relay moves a row from one to the other). */
const KEPT_IN = ['outbox', 'outbox_sent'] as const;

/**
 * GDPR erasure in the outbox, inside the erasing transaction: every row of the aggregate still kept
 * (unsent in `outbox`, or published and waiting for the purge in `outbox_sent`) gets its payload rewritten by
 * the context, which knows which fields are personal. Unsent rows stay publishable: the rewrite keeps them
 * valid for their contract. `outbox` is read first: a row the relay moves meanwhile waits for this
 * transaction's lock and moves rewritten, or is already in `outbox_sent` when that is read.
 */
export async function rewriteOutboxPayloads(
  tx: SqlRows,
  aggregateType: string,
  aggregateId: string,
  rewrite: (envelope: EventEnvelope) => EventEnvelope,
): Promise<number> {
  let kept = 0;
  for (const table of KEPT_IN) {
    const rows = await tx.query<{ id: string; payload: EventEnvelope }>(
      `SELECT id, payload FROM ${table} WHERE aggregateid = $1 AND aggregatetype = $2 FOR UPDATE`,
      [aggregateId, aggregateType],
    );
    for (const row of rows) {
      const rewritten = rewrite(row.payload);
      if (JSON.stringify(rewritten) !== JSON.stringify(row.payload))
        await tx.query(`UPDATE ${table} SET payload = $3 WHERE aggregateid = $1 AND id = $2`, [
          aggregateId,
          row.id,
          JSON.stringify(rewritten),
        ]);
    }
    kept += rows.length;
  }
  return kept;
}
