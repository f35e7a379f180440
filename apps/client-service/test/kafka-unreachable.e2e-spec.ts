import { createServer, Server, Socket, connect } from 'node:net';
import { Client } from 'pg';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { eventually, readUntil, testBrokers, testKafka, topicEnd } from '@bascule/shared/testing';
import { aRegistration } from './client-fixtures';
import { freePort } from './client-service.harness';
import { ClientServiceProcess, startClientServiceProcess, withToken } from './client-service.process';

/**
 * The service starts while Kafka cannot be reached. The shared broker is never stopped: the service is
 * given a bootstrap address where nothing listens yet; later a TCP forwarder opens on it towards the real
 * broker, which is "Kafka coming back" as the service sees it (its bootstrap address answers again; the
 * broker's metadata then points it at the broker itself).
 */
describe('client-service starts and takes writes while Kafka is unreachable, and publishes once it is back', () => {
  const kafka = testKafka();
  let service: ClientServiceProcess;
  let bootstrapPort: number;
  let forwarder: Server | undefined;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    bootstrapPort = await freePort();
    service = await startClientServiceProcess({ KAFKA_BROKERS: `127.0.0.1:${bootstrapPort}` });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => (forwarder ? forwarder.close(r) : r(undefined)));
  });

  it('is ready and accepts registrations without Kafka; the events go out when Kafka answers', async () => {
    const eventsFrom = await topicEnd(kafka, CLIENT_EVENTS_TOPIC);
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    const details = await fetch(`${service.url}/health/details`);
    expect(details.status).toBe(503);
    expect(((await details.json()) as { details: Record<string, { status: string }> }).details.kafka.status).toBe(
      'down',
    );

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await fetch(`${service.url}/clients`, {
        method: 'POST',
        headers: await withToken({ 'content-type': 'application/json' }),
        body: JSON.stringify(aRegistration()),
      });
      expect(answer.status).toBe(201);
      ids.push(((await answer.json()) as { id: string }).id);
    }
    const unsent = async () => {
      const client = new Client(service.db.settings);
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0].n);
      } finally {
        await client.end();
      }
    };
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await unsent()).toBe(10);

    // Kafka comes back at the address the service was given.
    const [host, port] = testBrokers[0].split(':');
    forwarder = createServer((inbound) => {
      const outbound = connect(Number(port), host);
      [inbound, outbound].forEach(
        (s) => (sockets.add(s), s.on('error', () => undefined), s.on('close', () => sockets.delete(s))),
      );
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => forwarder!.listen(bootstrapPort, '127.0.0.1', r));

    await eventually(async () => (await unsent()) === 0, 90_000, 500);
    const published = await readUntil(
      kafka,
      CLIENT_EVENTS_TOPIC,
      (m) => ids.every((id) => m.some((x) => x.key === id)),
      30_000,
      eventsFrom,
    );
    const ours = published.filter((m) => ids.includes(m.key ?? ''));
    expect(ours.map((m) => m.key).sort()).toEqual([...ids].sort());
    await eventually(async () => (await fetch(`${service.url}/health/details`)).status === 200, 30_000, 500);
  }, 240_000);
});
