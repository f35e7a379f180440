import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the local broker keeps its partitions (`npm run setup`: `$BASCULE_HOME/kafka-data`). */
export const kafkaDataDir =
  process.env.KAFKA_DATA ?? join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'kafka-data');

export type CompressionCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
const codecs: CompressionCodec[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export interface StoredBatch {
  partition: number;
  baseOffset: bigint;
  records: number;
  codec: CompressionCodec;
}

/**
 * The record batches the broker stored for a topic, read from its log segment files (format v2: base
 * offset, length, leader epoch, magic, CRC, then the attributes whose low 3 bits are the codec). This is
 * what went over the wire: the broker keeps a producer-compressed batch as it was sent.
 */
export function storedBatches(topic: string, dataDir = kafkaDataDir): StoredBatch[] {
  const batches: StoredBatch[] = [];
  const partitions = readdirSync(dataDir).filter(
    (dir) => dir.startsWith(`${topic}-`) && /^\d+$/.test(dir.slice(topic.length + 1)),
  );
  for (const dir of partitions) {
    const partition = Number(dir.slice(topic.length + 1));
    for (const file of readdirSync(join(dataDir, dir))
      .filter((f) => f.endsWith('.log'))
      .sort()) {
      const path = join(dataDir, dir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (let at = 0; at + 61 <= bytes.length;) {
        const length = bytes.readInt32BE(at + 8);
        if (length <= 0) break;
        const magic = bytes.readInt8(at + 16);
        if (magic !== 2) throw new Error(`${path} at ${at}: record batch magic ${magic}, expected 2`);
        const attributes = bytes.readInt16BE(at + 21);
        batches.push({
          partition,
          baseOffset: bytes.readBigInt64BE(at),
          records: bytes.readInt32BE(at + 57),
          codec: codecs[attributes & 0x07],
        });
        at += 12 + length;
      }
    }
  }
  return batches;
}
