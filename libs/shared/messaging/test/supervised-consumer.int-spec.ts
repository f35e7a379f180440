import { KafkaJSNonRetriableError } from 'kafkajs';
import { register } from 'prom-client';
import { createTopics, deleteTopics, eventually, testKafka, uniqueTopic } from '@bascule/shared/testing';
import { SupervisedConsumer } from '../src';

const restarts = async (consumer: string) =>
  ((await register.getSingleMetric('bascule_consumer_restarts_total')?.get())?.values ?? []).find(
    (v) => v.labels.consumer === consumer,
  )?.value ?? 0;

/** kafkajs stays stopped after a crash it does not call retriable; the supervised consumer comes back. */
describe('a supervised consumer is restarted after a crash kafkajs does not recover from', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('supervised');
  const groupId = `supervised-${topic.split('.').pop()}`;
  const producer = kafka.producer();
  let consumer: SupervisedConsumer;

  beforeAll(async () => {
    await createTopics(kafka, [topic], 1);
    await producer.connect();
  });
  afterAll(async () => {
    await consumer?.stop();
    await producer.disconnect();
    await deleteTopics(kafka, [topic]);
  });

  it('crashes on a non-retriable error, is rebuilt, and consumes the message', async () => {
    const received: string[] = [];
    let crashed = 0;
    const warnings: string[] = [];
    consumer = new SupervisedConsumer(kafka, {
      config: { groupId, allowAutoTopicCreation: false },
      subscription: { topics: [topic], fromBeginning: true },
      run: {
        eachMessage: async ({ message }) => {
          if (crashed++ === 0) throw new KafkaJSNonRetriableError('a broker answer kafkajs gives up on');
          received.push(message.value?.toString() ?? '');
        },
      },
      logger: { warn: (_, message) => warnings.push(message) },
    });
    consumer.launch();
    await eventually(async () => consumer.running, 30_000, 50);
    await producer.send({ topic, messages: [{ value: 'hello' }] });
    await eventually(async () => received.length === 1, 60_000, 100);
    expect(received).toEqual(['hello']);
    expect(warnings).toContain('consumer crashed; restarting it');
    expect(await restarts(groupId)).toBe(1);
    await eventually(async () => consumer.running, 10_000, 50);
  }, 90_000);
});

describe('stopping a supervised consumer while it waits to restart', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('supervised-stop');
  const groupId = `supervised-stop-${topic.split('.').pop()}`;
  const producer = kafka.producer();

  beforeAll(async () => {
    await createTopics(kafka, [topic], 1);
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await deleteTopics(kafka, [topic]);
  });

  it('returns promptly: the backoff wait is cut short, not slept out', async () => {
    const warnings: string[] = [];
    const consumer = new SupervisedConsumer(kafka, {
      config: { groupId, allowAutoTopicCreation: false },
      subscription: { topics: [topic], fromBeginning: true },
      run: { eachMessage: async () => Promise.reject(new KafkaJSNonRetriableError('always')) },
      logger: { warn: (_, message) => warnings.push(message) },
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await consumer.start();
    expect(consumer.running).toBe(true);
    await producer.send({ topic, messages: [{ value: 'poison' }] });
    await eventually(async () => warnings.includes('consumer crashed; restarting it'), 30_000, 50);
    expect(consumer.running).toBe(false);
    const began = Date.now();
    await consumer.stop();
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(consumer.running).toBe(false);
  }, 60_000);
});
