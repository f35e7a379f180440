import { cloudRequest } from '@bascule/shared/application';
import { clientEventContracts } from '@bascule/client/contracts';
import { Client, ClientEmailTaken, ClientId, Email, PersonName } from '@bascule/client/domain';
import { ConcurrencyError, FixedClock } from '@bascule/shared/ddd';
import {
  inUnitOfWork,
  MasterKey,
  OutboxWriter,
  PersonalFields,
  poolOf,
  SubjectKeys,
} from '@bascule/shared/persistence';
import { ContractRegistry } from '@bascule/shared/contracts';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { registration } from '@bascule/client/domain/testing';
import { clientDatabaseOptions } from '../client-database';
import { PgClientRepository } from './pg-client.repository';

describe('PgClientRepository on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const clock = new FixedClock();
  const repository = (contracts = new ContractRegistry(clientEventContracts)) =>
    new PgClientRepository(dataSource, new OutboxWriter(contracts, personal), clock);
  const personal = new PersonalFields(new SubjectKeys(MasterKey.fromEnv()));
  const count = async (sql: string, params: unknown[] = []) => Number((await dataSource.query(sql, params))[0].n);
  const newClient = (email: string) =>
    Client.register(ClientId.generate(), registration({ email: Email.of(email) }), clock);

  beforeAll(async () => {
    db = await createTestDatabase('client_repository', serviceRole('CLIENT'));
    dataSource = await new DataSource(
      clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: db.name, DB_POOL_SIZE: '5' }),
    ).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('writes the client row and its outbox records in one transaction', async () => {
    const client = newClient('one@example.com');
    client.rename(PersonName.of('Ada', 'King'));
    await repository().save(client, cloudRequest('corr-42'));
    expect(client.pendingEvents).toHaveLength(0);
    expect(await count('SELECT count(*) AS n FROM clients WHERE id = $1 AND version = 2', [client.id.value])).toBe(1);
    const outbox = await dataSource.query(
      'SELECT type, aggregateid, topic, headers FROM outbox WHERE aggregateid = $1 ORDER BY seq',
      [client.id.value],
    );
    expect(outbox.map((r: { type: string }) => r.type)).toEqual(['client.client-registered', 'client.client-renamed']);
    expect(outbox[0]).toMatchObject({
      topic: 'client.events.v1',
      headers: { correlation_id: 'corr-42', origin_system: 'cloud', event_type: 'client.client-registered' },
    });
    const loaded = await repository().findById(client.id.value);
    expect(loaded?.snapshot.name.familyName).toBe('King');
    expect(loaded?.version).toBe(2);
  });

  it('leaves neither the row nor the outbox record when the transaction fails between them', async () => {
    const client = newClient('two@example.com');
    await expect(repository(new ContractRegistry()).save(client, cloudRequest())).rejects.toThrow(
      /no contract for client.client-registered/,
    );
    expect(await count('SELECT count(*) AS n FROM clients WHERE id = $1', [client.id.value])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM outbox WHERE aggregateid = $1', [client.id.value])).toBe(0);
  });

  it('refuses to overwrite a newer version, writing nothing', async () => {
    const client = newClient('three@example.com');
    await repository().save(client, cloudRequest());
    const first = (await repository().findById(client.id.value))!;
    const second = (await repository().findById(client.id.value))!;
    first.rename(PersonName.of('First', 'Writer'));
    await repository().save(first, cloudRequest());
    second.rename(PersonName.of('Second', 'Writer'));
    await expect(repository().save(second, cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await repository().findById(client.id.value))?.snapshot.name.givenName).toBe('First');
    expect(await count('SELECT count(*) AS n FROM outbox WHERE aggregateid = $1', [client.id.value])).toBe(2);
  });

  it('keeps emails unique among clients that are not erased', async () => {
    const first = newClient('shared@example.com');
    await repository().save(first, cloudRequest());
    await expect(repository().save(newClient('SHARED@example.com'), cloudRequest())).rejects.toBeInstanceOf(
      ClientEmailTaken,
    );
    first.erase();
    await repository().save(first, cloudRequest());
    await repository().save(newClient('shared@example.com'), cloudRequest());
    expect(await count(`SELECT count(*) AS n FROM clients WHERE email = 'shared@example.com'`)).toBe(1);
  });

  it('scrubs an erased client in a unit of work, its registration written in the same batch included', async () => {
    const client = newClient('batch.erased@example.com');
    await inUnitOfWork(poolOf(dataSource), [client.id.value], async () => {
      await repository().save(client, cloudRequest());
      client.erase();
      await repository().save(client, cloudRequest());
    });
    const outbox = await dataSource.query('SELECT type, payload FROM outbox WHERE aggregateid = $1 ORDER BY seq', [
      client.id.value,
    ]);
    expect(outbox.map((r: { type: string }) => r.type)).toEqual(['client.client-registered', 'client.client-erased']);
    expect(JSON.stringify(outbox)).not.toMatch(/batch\.erased|Ada|Lovelace/);
    expect((await repository().findById(client.id.value))?.snapshot.status).toBe('ERASED');
  });
});
