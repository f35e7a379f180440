import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { KAFKA } from '@bascule/shared/messaging';
import { readUntil, testKafka, topicEnd } from '@bascule/shared/testing';
import { Kafka } from 'kafkajs';
import request from 'supertest';
import { aRegistration } from './client-fixtures';
import { RunningClientService, startClientService } from './client-service.harness';

describe('client-service REST', () => {
  let service: RunningClientService;
  let http: RunningClientService['http'];
  let eventsBefore: Record<number, string>;

  beforeAll(async () => {
    service = await startClientService();
    eventsBefore = await topicEnd(testKafka(), CLIENT_EVENTS_TOPIC);
    http = () => service.http();
  });
  afterAll(() => service?.close());

  it('registers, reads, lists, refuses a stale rename, erases, and then shows no personal data', async () => {
    const registration = aRegistration({ givenName: 'Grace', familyName: 'Hopper', companyId: 'NAVY-1' });
    const created = await http().post('/clients').send(registration).expect(201);
    const id = created.body.id;
    expect(created.headers.location).toBe(`/clients/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      ...registration,
      address: { ...registration.address, line2: null },
      status: 'ACTIVE',
      version: 1,
    });

    const read = await http().get(`/clients/${id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.email).toBe(registration.email);

    const listed = await http().get('/clients').query({ email: registration.email.toUpperCase() }).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);

    const renamed = await http()
      .post(`/clients/${id}/rename`)
      .set('If-Match', '"1"')
      .send({ givenName: 'Grace', familyName: 'Murray Hopper' })
      .expect(200);
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await http()
      .post(`/clients/${id}/rename`)
      .set('If-Match', '"1"')
      .send({ givenName: 'G', familyName: 'H' })
      .expect(412);
    expect(stale.body.code).toBe('CONCURRENCY.VERSION_MISMATCH');

    await http().post(`/clients/${id}/erase`).set('If-Match', '"2"').expect(200);
    const erased = await http().get(`/clients/${id}`).expect(200);
    expect(erased.body).toMatchObject({
      status: 'ERASED',
      phone: null,
      address: null,
      companyId: 'NAVY-1',
      givenName: 'Erased',
      familyName: 'Client',
    });
    expect(JSON.stringify(erased.body)).not.toMatch(/Grace|Hopper|St James|7946|example\.com/);

    const afterErase = await http()
      .post(`/clients/${id}/rename`)
      .set('If-Match', '"3"')
      .send({ givenName: 'Grace', familyName: 'Hopper' })
      .expect(409);
    expect(afterErase.body.code).toBe('CLIENT.ALREADY_ERASED');

    const events = await readUntil(
      testKafka(),
      CLIENT_EVENTS_TOPIC,
      (m) => m.filter((x) => x.key === id).length >= 3,
      30_000,
      eventsBefore,
    );
    const mine = events.filter((m) => m.key === id);
    expect(mine.map((m) => m.headers.event_type)).toEqual([
      'client.client-registered',
      'client.client-renamed',
      'client.client-erased',
    ]);
    expect(mine[0].headers).toMatchObject({
      event_version: '1',
      origin_system: 'cloud',
      correlation_id: created.headers['x-correlation-id'],
    });
    expect(mine[2].value).not.toMatch(/Grace|Hopper|St James|7946/);
  });

  it('walks the whole life of a client: address, email, deactivation with reason, reactivation', async () => {
    const { body } = await http().post('/clients').send(aRegistration()).expect(201);
    const step = (path: string, version: number, send?: object) =>
      http().post(`/clients/${body.id}/${path}`).set('If-Match', `"${version}"`).send(send);
    await step('change-address', 1, {
      address: { line1: '1 Rue de la Paix', line2: 'Bât. B', postalCode: '75002', city: 'Paris', country: 'fr' },
    }).expect(200);
    await step('change-email', 2, { email: `New.${body.email}` }).expect(200);
    await step('deactivate', 3, { reason: 'asked to close the account' }).expect(200);
    const { body: inactive } = await http().get(`/clients/${body.id}`).expect(200);
    expect(inactive).toMatchObject({
      status: 'INACTIVE',
      version: 4,
      email: `new.${body.email}`,
      address: { country: 'FR', line2: 'Bât. B' },
    });
    expect(
      (
        await http()
          .get('/clients')
          .query({ status: 'INACTIVE', text: body.email.slice(0, 12) })
          .expect(200)
      ).body.items.map((c: { id: string }) => c.id),
    ).toContain(body.id);
    const reactivated = await step('reactivate', 4).expect(200);
    expect(reactivated.body).toMatchObject({ status: 'ACTIVE', version: 5 });
    const noop = await step('reactivate', 5).expect(200);
    expect(noop.headers.etag).toBe('"5"');
  });

  it('pages through clients with a cursor', async () => {
    const family = `Pager${Date.now()}`;
    for (let i = 0; i < 5; i++)
      await http()
        .post('/clients')
        .send(aRegistration({ familyName: family }))
        .expect(201);
    const first = await http().get('/clients').query({ text: family, limit: 2 }).expect(200);
    const second = await http()
      .get('/clients')
      .query({ text: family, limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    const third = await http()
      .get('/clients')
      .query({ text: family, limit: 2, cursor: second.body.nextCursor })
      .expect(200);
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.body.nextCursor).toBeNull();
  });

  it('answers a repeated Idempotency-Key with the first answer, and refuses it with another body', async () => {
    const registration = aRegistration();
    const key = `key-${Date.now()}`;
    const first = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    const again = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers).toMatchObject({
      location: first.headers.location,
      etag: first.headers.etag,
      'idempotent-replayed': 'true',
    });
    const other = await http()
      .post('/clients')
      .set('Idempotency-Key', key)
      .send({ ...registration, givenName: 'Someone else' })
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect((await http().get('/clients').query({ email: registration.email })).body.items).toHaveLength(1);
  });

  it('lets one of 50 concurrent registrations with the same email win; the others get 409', async () => {
    const email = `race.${Date.now()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => http().post('/clients').send(aRegistration({ email }))),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('CLIENT.EMAIL_TAKEN');
  });

  it('requires If-Match on changes (428) and answers 404 for an unknown client', async () => {
    const { body } = await http().post('/clients').send(aRegistration()).expect(201);
    const missing = await http().post(`/clients/${body.id}/deactivate`).send({ reason: 'x' }).expect(428);
    expect(missing.body.errors).toEqual([{ parameter: 'If-Match', detail: 'is required' }]);
    const unknown = await http().get('/clients/6b1f7f4e-2f0a-4c7e-9f43-0e6a1d8b1c2d').expect(404);
    expect(unknown.body).toMatchObject({ code: 'CLIENT.NOT_FOUND', status: 404 });
  });

  it('serves OpenAPI, health and Prometheus metrics', async () => {
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/clients', '/clients/{id}', '/clients/{id}/rename', '/clients/{id}/erase']),
    );
    expect(docs.body.paths['/clients'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['givenName', 'email', 'address']),
    );
    await http().get('/health/live').expect(200);
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ database: { status: 'up' } });
    const details = await http().get('/health/details').expect(200);
    expect(details.body.details).toMatchObject({
      database: { status: 'up' },
      kafka: { status: 'up' },
      'identity-provider': { status: 'up', keysFetchedAt: expect.any(String) },
    });
    const metrics = (await request(service.metricsUrl).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/clients"/);
    expect(metrics).toMatch(/bascule_outbox_backlog\{[^}]*outbox="client-service"/);
    expect(metrics).toMatch(/bascule_dependency_up\{[^}]*check="database"[^}]*\} 1/);
    expect(metrics).toMatch(/bascule_dependency_up\{[^}]*check="kafka"[^}]*\} 1/);
    expect(metrics).toMatch(/bascule_identity_provider_up\{[^}]*\} 1/);
  });

  it('serves /metrics on the management port only, and a scrape reuses one Kafka admin client', async () => {
    await http().get('/metrics').expect(404);
    const kafka = service.app.get<Kafka>(KAFKA);
    const admin = jest.spyOn(kafka, 'admin');
    try {
      for (let scrape = 0; scrape < 3; scrape++) {
        const metrics = (await request(service.metricsUrl).get('/metrics').expect(200)).text;
        expect(metrics).toMatch(/bascule_dependency_up\{[^}]*check="kafka"[^}]*\} 1/);
      }
      // At most one since the spy (the client made by an earlier scrape is kept): never one per scrape.
      expect(admin.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      admin.mockRestore();
    }
  });
});
