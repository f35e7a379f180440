import { context, propagation } from '@opentelemetry/api';
import { ContractRegistry } from '@bascule/shared/contracts';
import { envelopeHeaders, EventEnvelope } from '@bascule/shared/contracts';
import { SqlExecutor } from '../transactions';

/**
 * Appends events to the outbox inside the caller's transaction, so they commit or roll back with the
 * aggregate change. Payloads are validated against their contract first: an event that breaks its own
 * schema fails the write instead of poisoning consumers. The active trace context is stored with the row
 * so the relay can continue the request's trace on Kafka.
 */
export class OutboxWriter {
  constructor(private readonly contracts: ContractRegistry) {}

  async append(executor: SqlExecutor, envelopes: readonly EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const trace: Record<string, string> = {};
    propagation.inject(context.active(), trace);
    const columns = 8;
    const values: unknown[] = [];
    const rows = envelopes.map((envelope, index) => {
      const contract = this.contracts.assertValid(envelope);
      values.push(
        envelope.id,
        envelope.aggregateType,
        envelope.aggregateId,
        envelope.type,
        envelope.version,
        contract.topic,
        JSON.stringify(envelope),
        JSON.stringify(envelopeHeaders(envelope, trace)),
      );
      const first = index * columns;
      return `(${Array.from({ length: columns }, (_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await executor.query(
      `INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers) VALUES ${rows.join(', ')}`,
      values,
    );
  }
}
