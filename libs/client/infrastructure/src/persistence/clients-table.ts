import { Client, ClientEmailTaken } from '@bascule/client/domain';
import { Clock } from '@bascule/shared/ddd';
import { AggregateTable } from '@bascule/shared/persistence';
import { clientIntegrationEvent } from '../messaging/client-integration-events';
import { scrubErasedClient } from './client-erasure';
import { toAggregate, toRow } from './client-persistence.mapper';
import { CLIENT_COLUMNS, ClientRow, ClientWrite } from './client.row';

/** How the client aggregate is stored: its row, its events on `client.events.v1`, its unique email. */
export function clientsTable(clock: Clock): AggregateTable<Client, ClientWrite, ClientRow> {
  return {
    name: 'client',
    table: 'clients',
    columns: CLIENT_COLUMNS,
    toRow,
    toAggregate: (row) => toAggregate(row, clock),
    integrationEventOf: clientIntegrationEvent,
    // The partial unique index on live emails is the guard under concurrency.
    uniqueViolations: { clients_email_unique: () => new ClientEmailTaken() },
    updatedAtColumn: 'updated_at',
    afterSave: async (tx, clientId, events) => {
      if (events.some((event) => event.type === 'ClientErased')) await scrubErasedClient(tx, clientId);
    },
  };
}
