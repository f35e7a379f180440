import { randomUUID } from 'node:crypto';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { Pool } from 'pg';
import { OutboxWriter } from '../outbox/outbox-writer';
import { messagingTablesUp } from '../tables/messaging-tables.sql';
import { countingPool, Member, MemberHandleTaken, memberContracts, membersTable, membersTableUp } from '../testing';
import { executorOf, inTransaction as inTx } from '../transactions';
import { inSavepointUnit, inUnitOfWork } from '../unit-of-work';
import { AggregateTable } from './aggregate-table';
import { PgAggregateStore } from './pg-aggregate-store';
import { isAggregateStoreError } from './unique-violations';

describe('PgAggregateStore on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const outbox = (contracts = memberContracts) => new OutboxWriter(new ContractRegistry(contracts));
  const store = (table: AggregateTable<Member, { id: string; version: number; handle: string }> = membersTable) =>
    new PgAggregateStore(pool, table, outbox());
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  const eventsOf = async (id: string) =>
    (await rows('SELECT type, payload FROM outbox WHERE aggregateid = $1 ORDER BY seq', [id])).map(
      (r) => `${r.type} ${r.payload.aggregateVersion} ${r.payload.payload.handle}`,
    );
  const joined = async (handle: string) => {
    const member = Member.join(randomUUID(), handle);
    await store().save(member, cloudRequest());
    return member.id.value;
  };

  beforeAll(async () => {
    db = await createTestDatabase('aggregate_store');
    pool = new Pool({ ...db.settings, max: 6 });
    for (const statement of [...messagingTablesUp, ...membersTableUp]) await pool.query(statement);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('inserts a new aggregate and its events in one transaction, clears them, and loads it back', async () => {
    const member = Member.join(randomUUID(), 'ada');
    member.rename('ada.king');
    await store().save(member, cloudRequest('corr-7'));
    expect(member.pendingEvents).toEqual([]);
    expect(await eventsOf(member.id.value)).toEqual(['test.member-joined 1 ada', 'test.member-renamed 2 ada.king']);
    const [{ headers }] = await rows('SELECT headers FROM outbox WHERE aggregateid = $1', [member.id.value]);
    expect(headers).toMatchObject({ correlation_id: 'corr-7', origin_system: 'cloud' });
    expect(await store().findById(member.id.value)).toEqual(Member.reconstitute(member.id.value, 2, 'ada.king'));
    expect(await store().findById('not-a-uuid')).toBeUndefined();
  });

  it('lets one of two concurrent updates of the same version win; the other is a ConcurrencyError and writes nothing', async () => {
    const id = await joined('grace');
    const [first, second] = [await store().findById(id), await store().findById(id)] as Member[];
    first.rename('grace.first');
    second.rename('grace.second');
    const outcomes = await Promise.allSettled([
      store().save(first, cloudRequest()),
      store().save(second, cloudRequest()),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(ConcurrencyError);
    const winner = (await store().findById(id))?.handle;
    expect(['grace.first', 'grace.second']).toContain(winner);
    expect(await eventsOf(id)).toEqual(['test.member-joined 1 grace', `test.member-renamed 2 ${winner}`]);
  });

  it("translates a unique violation into the context's refusal and writes neither the row nor its events", async () => {
    await joined('linus');
    const copycat = Member.join(randomUUID(), 'linus');
    await expect(store().save(copycat, cloudRequest())).rejects.toBeInstanceOf(MemberHandleTaken);
    expect(copycat.pendingEvents).toHaveLength(1);
    expect(await rows('SELECT id FROM members WHERE id = $1', [copycat.id.value])).toEqual([]);
    expect(await eventsOf(copycat.id.value)).toEqual([]);
  });

  it('leaves neither the row nor the outbox when the transaction fails after the row (an event without contract)', async () => {
    const member = Member.join(randomUUID(), 'nocontract');
    await expect(new PgAggregateStore(pool, membersTable, outbox([])).save(member, cloudRequest())).rejects.toThrow(
      /no contract for test.member-joined/,
    );
    expect(await rows('SELECT id FROM members WHERE id = $1', [member.id.value])).toEqual([]);
  });

  it("runs the context's hook in the saving transaction, after the outbox, with the saved events", async () => {
    const seen: string[] = [];
    const hooked = store({
      ...membersTable,
      afterSave: async (tx, id, events) => {
        const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE aggregateid = $1', [
          id,
        ]);
        seen.push(`${events.map((e) => e.type).join(',')} ${n}`);
        if (events.some((e) => e.handle === 'refused')) throw new Error('hook refused');
      },
    });
    const member = Member.join(randomUUID(), 'hooked');
    await hooked.save(member, cloudRequest());
    member.rename('refused');
    await expect(hooked.save(member, cloudRequest())).rejects.toThrow('hook refused');
    expect(seen).toEqual(['MemberJoined 1', 'MemberRenamed 2']);
    expect(await eventsOf(member.id.value)).toEqual(['test.member-joined 1 hooked']);
  });

  describe('in a unit of work', () => {
    it('loads the expected aggregates in one query and writes the saves as one update, one insert and one outbox insert', async () => {
      const existing = [await joined('u1'), await joined('u2'), await joined('u3')];
      const fresh = [randomUUID(), randomUUID()];
      const counting = countingPool(pool);
      const batched = new PgAggregateStore(counting.pool, membersTable, outbox());
      await inUnitOfWork(counting.pool, [...existing, ...fresh], async () => {
        for (const id of existing) {
          const member = (await batched.findById(id)) as Member;
          member.rename(`${member.handle}.renamed`);
          await batched.save(member, cloudRequest());
        }
        for (const [i, id] of fresh.entries()) {
          expect(await batched.findById(id)).toBeUndefined();
          await batched.save(Member.join(id, `n${i}`), cloudRequest());
        }
        expect(await rows('SELECT id FROM members WHERE id = ANY($1)', [fresh])).toEqual([]);
      });
      expect(counting.statements).toEqual(['BEGIN', 'SELECT', 'UPDATE', 'INSERT', 'INSERT', 'COMMIT']);
      for (const [i, id] of existing.entries())
        expect(await eventsOf(id)).toEqual([
          `test.member-joined 1 u${i + 1}`,
          `test.member-renamed 2 u${i + 1}.renamed`,
        ]);
      for (const [i, id] of fresh.entries()) expect(await eventsOf(id)).toEqual([`test.member-joined 1 n${i}`]);
    });

    it('merges two changes of one aggregate into one row write checked against the version it was loaded at', async () => {
      const id = await joined('twice');
      await inUnitOfWork(pool, [id], async () => {
        for (const handle of ['twice.1', 'twice.2']) {
          const member = (await store().findById(id)) as Member;
          member.rename(handle);
          await store().save(member, cloudRequest());
        }
      });
      expect(await store().findById(id)).toEqual(Member.reconstitute(id, 3, 'twice.2'));
      expect(await eventsOf(id)).toEqual([
        'test.member-joined 1 twice',
        'test.member-renamed 2 twice.1',
        'test.member-renamed 3 twice.2',
      ]);
    });

    it('fails the whole unit when its write hits a unique violation: nothing of it is written', async () => {
      await joined('taken');
      const renamed = await joined('before');
      const newcomer = randomUUID();
      const unit = inUnitOfWork(pool, [renamed, newcomer], async () => {
        const member = (await store().findById(renamed)) as Member;
        member.rename('after');
        await store().save(member, cloudRequest());
        await store().save(Member.join(newcomer, 'taken'), cloudRequest());
      });
      await expect(unit).rejects.toBeInstanceOf(MemberHandleTaken);
      await expect(unit).rejects.toMatchObject({ aggregate: 'member', aggregateId: newcomer });
      expect((await store().findById(renamed))?.handle).toBe('before');
      expect(await eventsOf(newcomer)).toEqual([]);
      expect(await eventsOf(renamed)).toEqual(['test.member-joined 1 before']);
    });

    it("writes the events appended on the unit's transaction in one statement when it flushes, ahead of the saves' events", async () => {
      const [renamed, appended] = [await joined('appends'), randomUUID()];
      const counting = countingPool(pool);
      const batched = new PgAggregateStore(counting.pool, membersTable, outbox());
      const joinedEvent = {
        id: randomUUID(),
        type: 'test.member-joined',
        version: 1,
        aggregateType: 'member',
        aggregateId: appended,
        aggregateVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: 'corr-appended',
        causationId: null,
        originSystem: 'cloud' as const,
        payload: { memberId: appended, handle: 'appended' },
      };
      await inTx(counting.pool, (tx) =>
        inUnitOfWork(counting.pool, [renamed], async () => {
          await outbox().append(tx, [joinedEvent]);
          const member = (await batched.findById(renamed)) as Member;
          member.rename('appends.renamed');
          await batched.save(member, cloudRequest());
          await outbox().append(tx, [joinedEvent]); // the same id again: queued once
          expect(await rows('SELECT 1 FROM outbox WHERE aggregateid = $1', [appended])).toEqual([]);
        }),
      );
      expect(counting.statements).toEqual(['BEGIN', 'SELECT', 'INSERT', 'UPDATE', 'INSERT', 'COMMIT']);
      const order = await rows(`SELECT aggregateid AS id FROM outbox WHERE aggregateid = ANY($1) ORDER BY seq`, [
        [renamed, appended],
      ]);
      expect(order.map((r) => r.id)).toEqual([renamed, appended, renamed]);
    });

    it('undoes only a savepoint unit that fails: the enclosing unit goes on and commits its own saves', async () => {
      await joined('held');
      const renamed = await joined('outer');
      const [failing, kept] = [randomUUID(), randomUUID()];
      await inUnitOfWork(pool, [renamed], async () => {
        const member = (await store().findById(renamed)) as Member;
        member.rename('outer.renamed');
        await store().save(member, cloudRequest());
        const inner = inSavepointUnit(executorOf(pool), async () => {
          await store().save(Member.join(failing, 'held'), cloudRequest());
        });
        await expect(inner).rejects.toBeInstanceOf(MemberHandleTaken);
        await inSavepointUnit(executorOf(pool), () => store().save(Member.join(kept, 'inner.kept'), cloudRequest()));
      });
      expect((await store().findById(renamed))?.handle).toBe('outer.renamed');
      expect(await eventsOf(failing)).toEqual([]);
      expect(await store().findById(failing)).toBeUndefined();
      expect(await eventsOf(kept)).toEqual(['test.member-joined 1 inner.kept']);
    });

    it('names the aggregate whose row broke the constraint, wherever it is among the saves', async () => {
      await joined('held.a');
      await joined('held.b');
      const members = [await joined('m1'), await joined('m2'), await joined('m3')];
      const fresh = [randomUUID(), randomUUID()];
      const attempt = (renames: Record<string, string>, joins: Record<string, string>) =>
        inUnitOfWork(pool, [...members, ...fresh], async () => {
          for (const [id, handle] of Object.entries(renames)) {
            const member = (await store().findById(id)) as Member;
            member.rename(handle);
            await store().save(member, cloudRequest());
          }
          for (const [id, handle] of Object.entries(joins)) await store().save(Member.join(id, handle), cloudRequest());
        }).then(
          () => undefined,
          (error: unknown) => error,
        );
      const [m1, m2, m3] = members;
      const updateFails = await attempt({ [m1]: 'm1.ok', [m2]: 'held.a', [m3]: 'm3.ok' }, { [fresh[0]]: 'f.ok' });
      expect(updateFails).toBeInstanceOf(MemberHandleTaken);
      expect(isAggregateStoreError(updateFails) && updateFails.aggregateId).toBe(m2);
      const insertFails = await attempt({ [m1]: 'm1.ok' }, { [fresh[0]]: 'f.ok', [fresh[1]]: 'held.b' });
      expect(insertFails).toMatchObject({ aggregate: 'member', aggregateId: fresh[1] });
      // The same id inserted twice is a lost race on that id, named too.
      const idRace = await attempt({}, { [fresh[0]]: 'f.ok', [m3]: 'm3.again' });
      expect(idRace).toBeInstanceOf(ConcurrencyError);
      expect(idRace).toMatchObject({ aggregateId: m3 });
      expect(await rows('SELECT handle FROM members WHERE id = ANY($1) ORDER BY handle', [members])).toEqual([
        { handle: 'm1' },
        { handle: 'm2' },
        { handle: 'm3' },
      ]);
      expect(await rows('SELECT id FROM members WHERE id = ANY($1)', [fresh])).toEqual([]);
    });
    it('fails the whole unit with a ConcurrencyError when an aggregate changed between its load and the write', async () => {
      const [raced, other] = [await joined('raced'), await joined('bystander')];
      const unit = inUnitOfWork(pool, [raced, other], async () => {
        for (const id of [raced, other]) {
          const member = (await store().findById(id)) as Member;
          member.rename(`${member.handle}.batch`);
          await store().save(member, cloudRequest());
        }
        // Another transaction commits a change to the first one meanwhile.
        const outside = Member.reconstitute(raced, 1, 'raced');
        outside.rename('raced.outside');
        await inTransaction(outside);
      });
      await expect(unit).rejects.toThrow(new ConcurrencyError('member', raced, 1, -1).message);
      await expect(unit).rejects.toMatchObject({ aggregateId: raced });
      expect((await store().findById(raced))?.handle).toBe('raced.outside');
      expect((await store().findById(other))?.handle).toBe('bystander');
    });

    /** A save on its own connection, outside the unit's transaction. */
    const inTransaction = async (member: Member) => {
      const separate = new Pool({ ...db.settings, max: 1 });
      try {
        await new PgAggregateStore(separate, membersTable, outbox()).save(member, cloudRequest());
      } finally {
        await separate.end();
      }
    };
  });
});
