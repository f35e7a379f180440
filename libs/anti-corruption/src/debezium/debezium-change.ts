import { describeSchemaErrors } from '@bascule/shared/contracts';
import { Static, Type } from '@sinclair/typebox';
import Ajv from 'ajv';

const Row = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

/**
 * A Debezium change event as the JSON converter writes it without schemas: the full envelope, which the
 * ACL needs (`before` for deletes, `source.lsn` for ordering and idempotency, `ts_ms` for lag).
 */
export const DebeziumChangeSchema = Type.Object({
  before: Row,
  after: Row,
  op: Type.Union([Type.Literal('c'), Type.Literal('r'), Type.Literal('u'), Type.Literal('d')]),
  ts_ms: Type.Integer(),
  source: Type.Object({
    lsn: Type.Integer(),
    txId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    ts_ms: Type.Integer(),
    table: Type.String(),
  }),
  /** With `provide.transaction.metadata=true`: the transaction it belongs to (absent from snapshot rows). */
  transaction: Type.Optional(
    Type.Union([
      Type.Object({ id: Type.String(), total_order: Type.Integer(), data_collection_order: Type.Integer() }),
      Type.Null(),
    ]),
  ),
});
export type DebeziumChange = Static<typeof DebeziumChangeSchema>;

const validate = new Ajv({ allErrors: true, strict: false }).compile(DebeziumChangeSchema);

export class MalformedChange extends Error {
  /** The message names positions and schema paths, never the row's values (read by logs' error descriptions). */
  readonly safeMessage = true;

  constructor(message: string) {
    super(message);
    this.name = 'MalformedChange';
  }
}

/** Parses one message value; `null` for a tombstone (what Debezium sends after a delete, for compaction). */
export function parseDebeziumChange(value: Buffer | null): DebeziumChange | null {
  if (value === null || value.length === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    // V8 quotes the text around the error: keep only where, never what (rows hold personal data).
    throw new MalformedChange(`not JSON${/ at position \d+/.exec((error as Error).message)?.[0] ?? ''}`);
  }
  if (!validate(parsed)) throw new MalformedChange(`not a Debezium change: ${describeSchemaErrors(validate.errors)}`);
  const change = parsed as DebeziumChange;
  if ((change.op === 'd' ? change.before : change.after) === null)
    throw new MalformedChange(`op ${change.op} without its row`);
  return change;
}
