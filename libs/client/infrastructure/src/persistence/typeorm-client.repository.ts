import { Inject, Injectable } from '@nestjs/common';
import { ClientRepository, CommandMetadata } from '@bascule/client/application';
import { Client, ClientEmailTaken, ClientId } from '@bascule/client/domain';
import { CLOCK, Clock, ConcurrencyError } from '@bascule/shared/ddd';
import { OutboxWriter } from '@bascule/shared/messaging';
import { DataSource, QueryFailedError } from 'typeorm';
import { toEnvelope } from '../messaging/client-integration-events';
import { toAggregate, toRecord } from './client-persistence.mapper';
import { ClientRecord } from './client.record';

const UNIQUE_VIOLATION = '23505';

/** Saves the client row (optimistic version check) and its events in the outbox, in one transaction. */
@Injectable()
export class TypeOrmClientRepository implements ClientRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async findById(id: ClientId): Promise<Client | undefined> {
    const record = await this.dataSource.getRepository(ClientRecord).findOneBy({ id: id.value });
    return record ? toAggregate(record, this.clock) : undefined;
  }

  async save(client: Client, metadata: CommandMetadata): Promise<void> {
    const row = toRecord(client);
    try {
      await this.dataSource.transaction(async (tx) => {
        if (client.persistedVersion === 0) {
          await tx.insert(ClientRecord, row);
        } else {
          const result = await tx.update(ClientRecord, { id: row.id, version: client.persistedVersion }, { ...row, updatedAt: () => 'now()' });
          if (result.affected !== 1) throw new ConcurrencyError('client', row.id, client.persistedVersion, -1);
        }
        await this.outbox.append(tx, client.pendingEvents.map((event) => toEnvelope(event, metadata)));
      });
    } catch (error) {
      throw this.translate(error, row);
    }
    client.clearPendingEvents();
  }

  private translate(error: unknown, row: ReturnType<typeof toRecord>): unknown {
    if (!(error instanceof QueryFailedError)) return error;
    const driver = error.driverError as { code?: string; constraint?: string };
    if (driver.code !== UNIQUE_VIOLATION) return error;
    if (driver.constraint === 'clients_email_unique') return new ClientEmailTaken(row.email);
    return new ConcurrencyError('client', row.id, 0, -1);
  }
}
