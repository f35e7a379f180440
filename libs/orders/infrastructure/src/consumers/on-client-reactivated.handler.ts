import { Injectable } from '@nestjs/common';
import { ClientReactivatedV1 } from '@bascule/client/contracts';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

/**
 * client.client-reactivated v1, consumed by the orders context. The consumer engine calls it once per event in effect
 * (ADR 0027): its writes go through `tx`, in the transaction that holds the event's inbox row.
 */
@Injectable()
export class OnClientReactivatedHandler {
  @ConsumesEvent('client.client-reactivated', 1)
  async handle(event: EventEnvelope<PayloadOf<typeof ClientReactivatedV1>>, tx: SqlRows): Promise<void> {
    // A replay of an older event of the same aggregate changes nothing: the version only goes up.
    await tx.query(
      `INSERT INTO known_clients (id, version, status)
       VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, updated_at = now()
       WHERE known_clients.version < EXCLUDED.version`,
      [event.aggregateId, event.aggregateVersion, 'ACTIVE'],
    );
  }
}
