import { context, propagation } from '@opentelemetry/api';
import { ContractRegistry, personalFieldsOf } from '@bascule/shared/contracts';
import { envelopeHeaders, EventEnvelope } from '@bascule/shared/contracts';
import { PersonalFields } from '../personal-data/personal-fields';
import { SqlExecutor, SqlRows } from '../transactions';
import { FIRST_FLUSHED, UnitParticipant, unitOfWorkOver } from '../unit-of-work';

/**
 * One array per column, so a statement has 8 parameters however many events it carries (PostgreSQL allows
 * 65,535 per statement: one parameter per value would fail from 8,192 events on). `ORDER BY n` keeps the
 * events' order in `seq`, the order the relay publishes them. An event whose id is queued already (not yet
 * published) is not queued twice: a saga's command sent again after a timeout keeps its id (ADR 0055).
 */
const INSERT_EVENTS = `INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers)
  SELECT id, aggregatetype, aggregateid, type, version, topic, payload, headers
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::json[], $8::json[])
    WITH ORDINALITY AS event (id, aggregatetype, aggregateid, type, version, topic, payload, headers, n)
  ORDER BY n
  ON CONFLICT (id) DO NOTHING`;

/** The events appended in a unit of work (a consumer's batch), written by one statement when the unit flushes. */
class OutboxRows implements UnitParticipant {
  private readonly columns: unknown[][] = Array.from({ length: 8 }, () => []);

  add(columns: unknown[][]): void {
    columns.forEach((values, column) => this.columns[column].push(...values));
  }

  async flush(tx: SqlRows): Promise<void> {
    await tx.query(INSERT_EVENTS, this.columns);
  }
}

/**
 * Appends events to the outbox inside the caller's transaction, so they commit or roll back with the
 * aggregate change. Payloads are validated against their contract first: an event that breaks its own
 * schema fails the write instead of poisoning consumers. The active trace context is stored with the row
 * so the relay can continue the request's trace on Kafka. Personal fields are sealed with their subject's key
 * (ADR 0033) before validation: the contract describes them sealed, as they travel. In a unit of work over that
 * transaction (a consumer's batch) the rows are written when the unit flushes, all of them in one statement.
 */
export class OutboxWriter {
  constructor(
    private readonly contracts: ContractRegistry,
    private readonly personal?: PersonalFields,
  ) {}

  async append(executor: SqlExecutor, envelopes: readonly EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const trace: Record<string, string> = {};
    propagation.inject(context.active(), trace);
    const columns: unknown[][] = Array.from({ length: 8 }, () => []);
    for (const envelope of await this.sealed(executor as SqlRows, envelopes)) {
      const contract = this.contracts.assertValid(envelope);
      [
        envelope.id,
        envelope.aggregateType,
        envelope.aggregateId,
        envelope.type,
        envelope.version,
        contract.topic,
        JSON.stringify(envelope),
        JSON.stringify(envelopeHeaders(envelope, trace)),
      ].forEach((value, column) => columns[column].push(value));
    }
    const unit = unitOfWorkOver(executor);
    if (unit) unit.participant(FIRST_FLUSHED, () => new OutboxRows()).add(columns);
    else await executor.query(INSERT_EVENTS, columns);
  }

  private sealed(
    tx: SqlRows,
    envelopes: readonly EventEnvelope[],
  ): Promise<readonly EventEnvelope[]> | readonly EventEnvelope[] {
    const events = envelopes.map((envelope) => ({
      envelope,
      contract: this.contracts.find(envelope.type, envelope.version),
    }));
    const personal = events.filter(({ contract }) => contract && personalFieldsOf(contract).length > 0);
    if (personal.length === 0) return envelopes;
    if (!this.personal) throw new Error(`${personal[0].envelope.type} has personal fields and no key to seal them`);
    return this.personal.seal(tx, events);
  }
}
