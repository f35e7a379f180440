import { Inject, Injectable } from '@nestjs/common';
import { ClientRepository, CommandMetadata } from '@bascule/client/application';
import { Client, ClientEmailTaken, ClientId } from '@bascule/client/domain';
import { CLOCK, Clock, ConcurrencyError } from '@bascule/shared/ddd';
import { executorOf, inTransaction, OutboxWriter, poolOf } from '@bascule/shared/persistence';
import { DatabaseError, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { toEnvelope } from '../messaging/client-integration-events';
import { scrubErasedClient } from './client-erasure';
import { toAggregate, toRow } from './client-persistence.mapper';
import { CLIENT_WRITE_COLUMNS, ClientRow, ClientWrite } from './client.row';

const UNIQUE_VIOLATION = '23505';
const columns = CLIENT_WRITE_COLUMNS.join(', ');
const placeholders = CLIENT_WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const INSERT = `INSERT INTO clients (${columns}) VALUES (${placeholders})`;
// Optimistic concurrency: the row is updated only if it is still at the version that was loaded.
const UPDATE = `WITH updated AS (
  UPDATE clients SET (${columns}, updated_at) = (${placeholders}, now())
   WHERE id = $1 AND version = $${CLIENT_WRITE_COLUMNS.length + 1} RETURNING 1
) SELECT count(*)::int AS n FROM updated`;

/**
 * Saves the client row and its events in the outbox, in one transaction. TypeORM provides the pool and
 * the migrations; the SQL is written out and run on the pool because this is the hot path (ADR 0010).
 */
@Injectable()
export class TypeOrmClientRepository implements ClientRepository {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = poolOf(dataSource);
  }

  async findById(id: ClientId): Promise<Client | undefined> {
    const [row] = await executorOf(this.pool).query<ClientRow>('SELECT * FROM clients WHERE id = $1', [id.value]);
    return row ? toAggregate(row, this.clock) : undefined;
  }

  async save(client: Client, metadata: CommandMetadata): Promise<void> {
    const row = toRow(client);
    const values = CLIENT_WRITE_COLUMNS.map((column) => row[column]);
    try {
      await inTransaction(this.pool, async (tx) => {
        if (client.persistedVersion === 0) {
          await tx.query(INSERT, values);
        } else {
          const [{ n }] = await tx.query<{ n: number }>(UPDATE, [...values, client.persistedVersion]);
          if (n !== 1) throw new ConcurrencyError('client', row.id, client.persistedVersion, -1);
        }
        await this.outbox.append(
          tx,
          client.pendingEvents.map((event) => toEnvelope(event, metadata)),
        );
        if (client.pendingEvents.some((event) => event.type === 'ClientErased')) await scrubErasedClient(tx, row.id);
      });
    } catch (error) {
      throw this.translate(error, row);
    }
    client.clearPendingEvents();
  }

  private translate(error: unknown, row: ClientWrite): unknown {
    if (!(error instanceof DatabaseError) || error.code !== UNIQUE_VIOLATION) return error;
    if (error.constraint === 'clients_email_unique') return new ClientEmailTaken();
    return new ConcurrencyError('client', row.id, 0, -1);
  }
}
