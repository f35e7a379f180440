import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, KEY_BYTES } from './field-cipher';

export const MASTER_KEY_VARIABLE = 'PERSONAL_DATA_MASTER_KEY';

/**
 * The installation's key-encryption key (ADR 0033): wraps each subject's data key before it is stored in the
 * context's database, so a copy of the database alone opens nothing. Generated once per installation into the
 * secrets folder (`personal-data.env`); never in the database, never rotated by regenerating it (every wrapped
 * key would be lost).
 */
export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static of(hex: string): MasterKey {
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${MASTER_KEY_VARIABLE} must be 32 bytes in hex (64 digits)`);
    return new MasterKey(Buffer.from(hex, 'hex'));
  }

  /** From the environment (the secrets folder's `personal-data.env`); refuses to start without it. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): MasterKey {
    const hex = env[MASTER_KEY_VARIABLE];
    if (!hex) throw new Error(`${MASTER_KEY_VARIABLE} is not set (tools/infra/secrets.sh generates it)`);
    return MasterKey.of(hex);
  }

  /** A fresh data key for a subject, and its wrapped form to store. */
  newDataKey(subject: string): { dataKey: Buffer; wrapped: Buffer } {
    const dataKey = randomBytes(KEY_BYTES);
    return { dataKey, wrapped: encrypt(this.key, dataKey, `subject-key/${subject}`) };
  }

  unwrap(subject: string, wrapped: Buffer): Buffer {
    return decrypt(this.key, wrapped, `subject-key/${subject}`);
  }
}
