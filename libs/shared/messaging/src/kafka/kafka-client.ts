import { CompressionTypes, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { renewingProducer } from './renewing-producer';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

/** Broker list from `KAFKA_BROKERS` (comma separated); 127.0.0.1 rather than localhost avoids IPv6 surprises. */
export function kafkaSettingsFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  return { brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()), clientId };
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
  });
}

/**
 * gzip is the codec kafkajs ships; snappy/lz4/zstd need native codecs (see docs/adr). Events are JSON and
 * compress several times over, which matters more than the CPU spent at these rates.
 */
export const EVENT_COMPRESSION = CompressionTypes.GZIP;

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
