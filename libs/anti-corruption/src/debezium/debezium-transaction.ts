import { describeSchemaErrors } from '@bascule/shared/contracts';
import { Static, Type } from '@sinclair/typebox';
import Ajv from 'ajv';
import { MalformedChange } from './debezium-change';

/** A `<prefix>.transaction` event (`provide.transaction.metadata=true`): a transaction's BEGIN, or its END with counts. */
export const DebeziumTransactionSchema = Type.Object({
  status: Type.Union([Type.Literal('BEGIN'), Type.Literal('END')]),
  id: Type.String({ minLength: 1 }),
  event_count: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  data_collections: Type.Optional(
    Type.Union([
      Type.Array(Type.Object({ data_collection: Type.String(), event_count: Type.Integer({ minimum: 0 }) })),
      Type.Null(),
    ]),
  ),
});

/**
 * The key that joins a change to its transaction's END. Debezium's PostgreSQL id is `<xid>:<lsn>` and the lsn
 * differs from one event of a transaction to the next (seen on real Connect): the xid is the key.
 */
export const transactionKeyOf = (id: string | null | undefined): string | null => (id ? id.split(':')[0] : null);

/** A transaction's end: how many changes of each table (`COMMANDES`, without its schema) it wrote. */
export interface TransactionEnd {
  id: string;
  counts: Record<string, number>;
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(DebeziumTransactionSchema);

/** The END of a transaction; null for a BEGIN or a tombstone; throws MalformedChange (no values quoted) otherwise. */
export function parseTransactionEnd(value: Buffer | null): TransactionEnd | null {
  if (value === null || value.length === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new MalformedChange('transaction event not JSON');
  }
  if (!validate(parsed))
    throw new MalformedChange(`not a Debezium transaction event: ${describeSchemaErrors(validate.errors)}`);
  const event = parsed as Static<typeof DebeziumTransactionSchema>;
  if (event.status === 'BEGIN') return null;
  if (!event.data_collections) throw new MalformedChange('transaction END without data_collections');
  const counts: Record<string, number> = {};
  for (const { data_collection, event_count } of event.data_collections) {
    const table = data_collection.slice(data_collection.lastIndexOf('.') + 1);
    counts[table] = (counts[table] ?? 0) + event_count;
  }
  return { id: transactionKeyOf(event.id) as string, counts };
}

/** The END as a grouped legacy sync records it (`LegacySyncModule.forTables({ readEnd: readTransactionEnd })`). */
export function readTransactionEnd(
  value: Buffer | null,
): { transactionId: string; counts: Record<string, number> } | null {
  const end = parseTransactionEnd(value);
  return end && { transactionId: end.id, counts: end.counts };
}
