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

/**
 * The service's database unavailable for ~10 s while legacy changes keep being captured. The outage is
 * made on the service's own database only (the PostgreSQL cluster is shared): `ALLOW_CONNECTIONS false`
 * refuses every new connection and its backends are terminated, which is what the service sees while
 * its database restarts or fails over (connections dropped, reconnects refused until it is back).
 */
describe('client-service waits out its database being unavailable', () => {
  const kafka = testKafka();
  let legacy: CapturedLegacy;
  let service: ClientServiceProcess;
  const readiness = async () => (await fetch(`${service.url}/health/ready`)).status;

  beforeAll(async () => {
    legacy = await startCapturedLegacy();
    service = await startClientServiceProcess({
      LEGACY_CDC: 'on',
      LEGACY_TOPIC_PREFIX: legacy.prefix,
      LEGACY_CONNECTOR_NAME: legacy.connector,
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
  }, 120_000);
  afterAll(async () => {
    await asAdmin((admin) => admin.query(`ALTER DATABASE "${service.db.name}" ALLOW_CONNECTIONS true`)).catch(
      () => undefined,
    );
    await service?.stop();
    await legacy?.drop();
  });

  it('is not ready while the database is away and ready again after; dead-letters nothing; applies every change and publishes every event once it is back', async () => {
    const eventsFrom = await topicEnd(kafka, CLIENT_EVENTS_TOPIC);
    // Ready on an empty legacy database (its topic exists before any change), the capture shown in the details.
    expect(await readiness()).toBe(200);
    await eventually(
      async () =>
        (
          (await (await fetch(`${service.url}/health/details`)).json()) as {
            details?: Record<string, { status: string }>;
          }
        ).details?.['legacy-cdc']?.status === 'up',
      90_000,
      500,
    );
    const legacyClients = await legacy.insertClients(3, 'before');
    await eventually(
      async () =>
        (await service.query<{ n: number }>('SELECT count(*)::int AS n FROM legacy_client_keys'))[0].n ===
        legacyClients.length,
      90_000,
      250,
    );
    const accepted: string[] = [];
    const register = async () => {
      const answer = await fetch(`${service.url}/clients`, {
        method: 'POST',
        headers: await withToken({ 'content-type': 'application/json' }),
        body: JSON.stringify(aRegistration()),
      });
      if (answer.status === 201) accepted.push(((await answer.json()) as { id: string }).id);
      return answer.status;
    };
    for (let i = 0; i < 20; i++) expect(await register()).toBe(201);
    expect(await readiness()).toBe(200);

    // Outage: no new connection accepted, existing ones terminated.
    const moves = new Map<number, string[]>();
    let city = 0;
    const change = async () => {
      legacyClients.push(...(await legacy.insertClients(2, 'outage')));
      const noClient = legacyClients[city % legacyClients.length];
      const to = `TOWN${++city}`;
      await legacy.moveClient(noClient, to);
      moves.set(noClient, [...(moves.get(noClient) ?? []), to]);
    };
    const outageStatuses: number[] = [];
    await asAdmin(async (admin) => {
      await admin.query(`ALTER DATABASE "${service.db.name}" ALLOW_CONNECTIONS false`);
      await terminateBackends(admin, service.db.name);
      const back = Date.now() + 10_000;
      while (Date.now() < back) {
        await change();
        outageStatuses.push(await readiness());
        expect(await register()).toBe(503);
        await new Promise((r) => setTimeout(r, 300));
      }
      await admin.query(`ALTER DATABASE "${service.db.name}" ALLOW_CONNECTIONS true`);
    });
    expect(outageStatuses.length).toBeGreaterThan(10);
    expect(new Set(outageStatuses)).toEqual(new Set([503]));
    await eventually(async () => (await readiness()) === 200, 30_000, 250);
    expect(service.child.exitCode).toBeNull();
    for (let i = 0; i < 3; i++) await change();
    for (let i = 0; i < 5; i++) expect(await register()).toBe(201);

    // Every legacy change applied once after the outage: one registration per client, one address change per move.
    const expected = legacyClients
      .map((no) => ({ id: clientIdOfLegacy(no), registered: 1, cities: (moves.get(no) ?? []).join(',') }))
      .sort((a, b) => a.id.localeCompare(b.id));
    let applied: typeof expected = [];
    await eventually(
      async () => {
        applied = await legacyHistory(service);
        return JSON.stringify(applied) === JSON.stringify(expected);
      },
      90_000,
      500,
    ).catch(() => undefined);
    expect(applied).toEqual(expected);

    // Waited out, never dead-lettered.
    const metrics = await (await fetch(`${service.metricsUrl}/metrics`)).text();
    expect(counterValue(metrics, 'bascule_dead_letter_total')).toBe(0);
    expect(
      counterValue(metrics, 'bascule_transient_failures_total', {
        component: `client-service.${legacy.prefix}-clients`,
      }),
    ).toBeGreaterThan(0);
    expect(Object.values(await topicEnd(kafka, `${legacy.topic}.dlq`)).every((offset) => offset === '0')).toBe(true);

    // Every event written (REST and legacy) reached Kafka once the relay could read the outbox again.
    const outboxIds = new Set(
      (await service.query<{ id: string }>('SELECT id::text AS id FROM outbox_all')).map((r) => r.id),
    );
    expect(outboxIds.size).toBe(
      expected.reduce((n, e) => n + 1 + (e.cities ? e.cities.split(',').length : 0), 0) + accepted.length,
    );
    const missing = new Set(outboxIds);
    let scanned = 0;
    await readUntil(
      kafka,
      CLIENT_EVENTS_TOPIC,
      (messages) => {
        for (; scanned < messages.length; scanned++) missing.delete(messages[scanned].headers.event_id);
        return missing.size === 0;
      },
      60_000,
      eventsFrom,
    );
  }, 300_000);
});
