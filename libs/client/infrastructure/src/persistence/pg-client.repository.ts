import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@bascule/client/domain';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { clientsTable } from './clients-table';
import { ClientRow, ClientWrite } from './client.row';

/** Clients in `clients`, their events in the outbox, one transaction (ADR 0010): the platform's store on the client's table. */
@Injectable()
export class PgClientRepository extends PgAggregateStore<Client, ClientWrite, ClientRow> {
  constructor(dataSource: DataSource, outbox: OutboxWriter, @Inject(CLOCK) clock: Clock) {
    super(poolOf(dataSource), clientsTable(clock), outbox);
  }
}
