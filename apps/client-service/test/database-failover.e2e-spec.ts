import { clientIdOfLegacy } from '@bascule/anti-corruption';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { eventually, readUntil, testKafka, topicEnd } from '@bascule/shared/testing';
import { aRegistration } from './client-fixtures';
import {
  asAdmin,
  CapturedLegacy,
  ClientServiceProcess,
  counterValue,
  startCapturedLegacy,
  startClientServiceProcess,
  terminateBackends,
  withToken,
} from './client-service.process';
import { legacyHistory } from './legacy-history';

interface Call {
  start: number;
  end: number;
  status: number | 'network-error';
  email: string;
  id?: string;
}
interface Termination {
  /** Just before `pg_terminate_backend` was called. */
  from: number;
  /** Once every terminated backend had exited (no longer in `pg_stat_activity`). */
  until: number;
  terminated: number;
}

/**
 * What a PostgreSQL failover does to a running service: every connection it holds (request pool, relay
 * pool, its LISTEN connection, the legacy consumer's transactions) is terminated, repeatedly, for ~10 s,
 * while REST writes and legacy changes (through Debezium) flow. client-service runs as its own process,
 * as `npm start` runs it.
 */
describe('client-service keeps running when all its database connections are terminated under load', () => {
  const kafka = testKafka();
  let legacy: CapturedLegacy;
  let service: ClientServiceProcess;

  beforeAll(async () => {
    legacy = await startCapturedLegacy();
    service = await startClientServiceProcess({
      LEGACY_CDC: 'on',
      LEGACY_TOPIC_PREFIX: legacy.prefix,
      LEGACY_CONNECTOR_NAME: legacy.connector,
      DB_CONNECT_TIMEOUT_MS: '2000',
      // Four writers in a loop on one token: the per-caller limit (ADR 0034) would refuse the load this test needs.
      RATE_LIMIT_REQUESTS: '0',
    });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await legacy?.drop();
  });

  it('stays up; only requests in flight at a termination fail; nothing is dead-lettered; every change and event arrives once', async () => {
    const eventsFrom = await topicEnd(kafka, CLIENT_EVENTS_TOPIC);
    // The capture is live before the load starts (first legacy clients applied).
    const warmUp = await legacy.insertClients(3, 'warmup');
    await eventually(
      async () =>
        (await service.query<{ n: number }>('SELECT count(*)::int AS n FROM legacy_client_keys'))[0].n ===
        warmUp.length,
      90_000,
      250,
    );

    let loading = true;
    const calls: Call[] = [];
    const restWorker = async () => {
      while (loading) {
        const body = aRegistration();
        const call: Call = { start: Date.now(), end: 0, status: 'network-error', email: body.email };
        try {
          const answer = await fetch(`${service.url}/clients`, {
            method: 'POST',
            headers: await withToken({ 'content-type': 'application/json' }),
            body: JSON.stringify(body),
          });
          call.status = answer.status;
          if (answer.status === 201) call.id = ((await answer.json()) as { id: string }).id;
          else await answer.text();
        } catch {
          call.status = 'network-error';
        }
        call.end = Date.now();
        calls.push(call);
      }
    };
    const legacyClients = [...warmUp];
    const moves = new Map<number, string[]>();
    let city = 0;
    const legacyWriter = async () => {
      while (loading) {
        legacyClients.push(...(await legacy.insertClients(3, 'load')));
        for (let i = 0; i < 2; i++) {
          const noClient = legacyClients[Math.floor(Math.random() * legacyClients.length)];
          const to = `CITY${++city}`;
          await legacy.moveClient(noClient, to);
          moves.set(noClient, [...(moves.get(noClient) ?? []), to]);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const load = Promise.all([restWorker(), restWorker(), restWorker(), restWorker(), legacyWriter()]);

    await new Promise((r) => setTimeout(r, 2_000));
    const terminations: Termination[] = [];
    await asAdmin(async (admin) => {
      const faultEnds = Date.now() + 10_000;
      while (Date.now() < faultEnds) {
        const from = Date.now();
        const { rows } = await admin.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [service.db.name],
        );
        const terminated = await terminateBackends(admin, service.db.name);
        await eventually(
          async () =>
            (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])', [rows.map((r) => r.pid)]))
              .rowCount === 0,
          5_000,
          5,
        );
        terminations.push({ from, until: Date.now(), terminated });
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    await new Promise((r) => setTimeout(r, 3_000));
    loading = false;
    await load;

    // The process is up and ready.
    expect({ exitCode: service.child.exitCode, signal: service.child.signalCode }).toEqual({
      exitCode: null,
      signal: null,
    });
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    expect(terminations.reduce((n, t) => n + t.terminated, 0)).toBeGreaterThan(terminations.length);
    // The relay's LISTEN connection is back (reconnected with backoff after each termination).
    await eventually(
      async () =>
        (
          await service.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outbox'`,
          )
        )[0].n === 1,
      30_000,
      250,
    );

    // Every failed request was in flight while backends were being terminated; nothing else failed.
    const inFlight = (call: Call) => terminations.some((t) => call.start <= t.until && call.end >= t.from);
    const failed = calls.filter((c) => c.status !== 201);
    const unexplained = failed.filter((c) => !inFlight(c));
    console.log(
      `failover: ${calls.length} requests, ${calls.filter(inFlight).length} in flight at a termination, ${failed.length} failed (${[...new Set(failed.map((c) => c.status))].join(', ')}); ${terminations.length} rounds terminated ${terminations.reduce((n, t) => n + t.terminated, 0)} backends`,
    );
    expect(unexplained).toEqual([]);
    expect(calls.filter((c) => c.status === 201).length).toBeGreaterThan(failed.length);
    expect(failed.every((c) => c.status === 503)).toBe(true);

    // Every legacy change applied exactly once: one registration per client, one address change per move.
    const expected = legacyClients.map((no) => ({
      id: clientIdOfLegacy(no),
      registered: 1,
      cities: (moves.get(no) ?? []).join(','),
    }));
    const applied = () => legacyHistory(service);
    const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    let last: typeof expected = [];
    await eventually(
      async () => JSON.stringify((last = sortById(await applied()))) === JSON.stringify(sortById(expected)),
      90_000,
      500,
    ).catch(() => undefined);
    const differing = expected.filter((e) => JSON.stringify(last.find((l) => l.id === e.id)) !== JSON.stringify(e));
    expect({
      differing: differing.map((e) => ({ expected: e, applied: last.find((l) => l.id === e.id) ?? 'missing' })),
      extra: last.filter((l) => !expected.some((e) => e.id === l.id)),
    }).toEqual({ differing: [], extra: [] });

    // Every accepted registration is stored once, with its one event.
    const created = calls.filter((c) => c.status === 201).map((c) => c.id!);
    const registered = await service.query<{ id: string; n: number }>(
      `SELECT aggregateid AS id, count(*)::int AS n FROM outbox_all WHERE type = 'client.client-registered' AND aggregateid = ANY($1) GROUP BY aggregateid`,
      [created],
    );
    expect(registered.length).toBe(created.length);
    expect(registered.every((r) => r.n === 1)).toBe(true);

    // Nothing dead-lettered: no DLQ message for the legacy topic, and the service counted none.
    expect(Object.values(await topicEnd(kafka, `${legacy.topic}.dlq`)).every((offset) => offset === '0')).toBe(true);
    expect(counterValue(await (await fetch(`${service.metricsUrl}/metrics`)).text(), 'bascule_dead_letter_total')).toBe(
      0,
    );

    // Every event of the outbox reached Kafka (the relay is at-least-once: a batch sent but not yet marked
    // when its connection was terminated goes out again, and consumers' inboxes absorb it).
    const outboxIds = new Set(
      (await service.query<{ id: string }>('SELECT id::text AS id FROM outbox_all')).map((r) => r.id),
    );
    const missing = new Set(outboxIds);
    let scanned = 0;
    const seen = await readUntil(
      kafka,
      CLIENT_EVENTS_TOPIC,
      (messages) => {
        for (; scanned < messages.length; scanned++) missing.delete(messages[scanned].headers.event_id);
        return missing.size === 0;
      },
      90_000,
      eventsFrom,
    );
    const ours = seen.filter((m) => outboxIds.has(m.headers.event_id));
    expect(new Set(ours.map((m) => m.headers.event_id)).size).toBe(outboxIds.size);
    console.log(
      `failover: ${outboxIds.size} events, ${ours.length - outboxIds.size} republished after a termination (absorbed by inboxes)`,
    );
  }, 300_000);
});
