import { CompressionTypes, Kafka, logLevel, Partitioners, Producer, SASLOptions } from 'kafkajs';
import { renewingProducer } from './renewing-producer';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** The process's own principal (ADR 0032); absent: no SASL, which a secured broker refuses. */
  sasl?: SASLOptions;
}

const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;

/**
 * Broker list from `KAFKA_BROKERS` (comma separated); 127.0.0.1 rather than localhost avoids IPv6 surprises. The
 * principal from `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD` (both or neither) with `KAFKA_SASL_MECHANISM`
 * (default `scram-sha-512`): a half-set login is refused at start, naming what is missing.
 */
export function kafkaSettingsFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
  const sasl = kafkaSaslFromEnv(env);
  return sasl ? { brokers, clientId, sasl } : { brokers, clientId };
}

export function kafkaSaslFromEnv(env: NodeJS.ProcessEnv = process.env): SASLOptions | undefined {
  const username = env.KAFKA_SASL_USERNAME || undefined;
  const password = env.KAFKA_SASL_PASSWORD || undefined;
  const mechanism = (env.KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
  if (!username && !password) {
    if (env.KAFKA_SASL_MECHANISM)
      throw new Error('KAFKA_SASL_MECHANISM is set but KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are not');
    return undefined;
  }
  if (!username) throw new Error('KAFKA_SASL_PASSWORD is set but KAFKA_SASL_USERNAME is not');
  if (!password) throw new Error('KAFKA_SASL_USERNAME is set but KAFKA_SASL_PASSWORD is not');
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism))
    throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got ${mechanism}`);
  return { mechanism: mechanism as (typeof SASL_MECHANISMS)[number], username, password } as SASLOptions;
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
  });
}

/**
 * gzip is the codec kafkajs ships; snappy/lz4/zstd need native codecs (see docs/adr). Events are JSON and
 * compress several times over, which matters more than the CPU spent at these rates.
 */
export const EVENT_COMPRESSION = CompressionTypes.GZIP;

/** Below this many bytes of values a batch goes uncompressed (ADR 0006 addendum). */
export const COMPRESSION_MIN_BYTES = 8 * 1024;

/**
 * The codec for one batch: gzip from `COMPRESSION_MIN_BYTES` of values on; below, none. A zlib stream costs its
 * set-up (buffers of a few hundred KB) whatever it compresses, on both sides: for the one or few small events of a
 * batch at a low rate — a saga's command, its reply — that is most of the CPU the message costs, for a saving of
 * a few hundred bytes. Consumers read either.
 */
export function compressionFor(values: readonly { value: Buffer | string | null }[]): CompressionTypes {
  let bytes = 0;
  for (const { value } of values) {
    bytes += value === null ? 0 : typeof value === 'string' ? value.length : value.byteLength;
    if (bytes >= COMPRESSION_MIN_BYTES) return EVENT_COMPRESSION;
  }
  return CompressionTypes.None;
}

/**
 * Idempotent producer with acks=all: a retry after a lost ack never writes a second copy. Renewed when the
 * broker refuses its sequence numbers (see `renewingProducer`).
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return renewingProducer(() =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    }),
  );
}
