import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, KEY_BYTES } from './field-cipher';

export const MASTER_KEY_VARIABLE = 'PERSONAL_DATA_MASTER_KEY';
export const MASTER_KEY_ID_VARIABLE = 'PERSONAL_DATA_MASTER_KEY_ID';
export const PREVIOUS_MASTER_KEYS_VARIABLE = 'PERSONAL_DATA_PREVIOUS_MASTER_KEYS';
/** The id of an installation's first master key: the one every key wrapped before ids existed is under. */
export const FIRST_MASTER_KEY_ID = 'k1';

const KEY_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** A master key the secrets name but no stored key refers to, or the reverse: said at start, never at first use. */
export class MasterKeyUnknown extends Error {
  readonly safeMessage = true;

  constructor(id: string) {
    super(
      `a subject key is wrapped by master key ${id}, which this process does not hold ` +
        `(${MASTER_KEY_ID_VARIABLE}, ${PREVIOUS_MASTER_KEYS_VARIABLE}; ADR 0033)`,
    );
    this.name = 'MasterKeyUnknown';
  }
}

/**
 * The installation's key-encryption keys (ADR 0033): each subject's data key is stored in the context's database
 * wrapped by one of them, with that key's id, so a copy of the database alone opens nothing. The current key wraps
 * new data keys; previous keys (a rotation under way: `npm run keys:rotate`) still unwrap those they wrapped.
 * Generated into the secrets folder (`personal-data.env`); never in the database.
 */
export class MasterKey {
  private constructor(
    readonly currentId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {}

  /** One key (the current), and the previous ones by id. */
  static of(hex: string, id = FIRST_MASTER_KEY_ID, previous: Readonly<Record<string, string>> = {}): MasterKey {
    const keys = new Map<string, Buffer>();
    for (const [keyId, keyHex, variable] of [
      [id, hex, MASTER_KEY_VARIABLE],
      ...Object.entries(previous).map(([k, v]) => [k, v, `${PREVIOUS_MASTER_KEYS_VARIABLE} ${k}`]),
    ]) {
      if (!KEY_ID.test(keyId))
        throw new Error(`${MASTER_KEY_ID_VARIABLE}: ${JSON.stringify(keyId)} is not a key id (a-z, 0-9, - or _)`);
      if (keys.has(keyId)) throw new Error(`${PREVIOUS_MASTER_KEYS_VARIABLE} names ${keyId}, the current key's id`);
      if (!/^[0-9a-f]{64}$/i.test(keyHex)) throw new Error(`${variable} must be 32 bytes in hex (64 digits)`);
      keys.set(keyId, Buffer.from(keyHex, 'hex'));
    }
    return new MasterKey(id, keys);
  }

  /**
   * From the environment (the secrets folder's `personal-data.env`); refuses to start without the current key.
   * `PERSONAL_DATA_MASTER_KEY_ID` (default `k1`), `PERSONAL_DATA_PREVIOUS_MASTER_KEYS` as `id:hex,id:hex`.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): MasterKey {
    const hex = env[MASTER_KEY_VARIABLE];
    if (!hex) throw new Error(`${MASTER_KEY_VARIABLE} is not set (tools/infra/secrets.sh generates it)`);
    const previous: Record<string, string> = {};
    for (const entry of (env[PREVIOUS_MASTER_KEYS_VARIABLE] ?? '').split(',').filter((e) => e.trim())) {
      const [id, keyHex, extra] = entry.trim().split(':');
      if (!id || !keyHex || extra !== undefined)
        throw new Error(`${PREVIOUS_MASTER_KEYS_VARIABLE} must be id:hex pairs separated by commas`);
      if (id in previous) throw new Error(`${PREVIOUS_MASTER_KEYS_VARIABLE} names ${id} twice`);
      previous[id] = keyHex;
    }
    return MasterKey.of(hex, env[MASTER_KEY_ID_VARIABLE] || FIRST_MASTER_KEY_ID, previous);
  }

  get ids(): string[] {
    return [...this.keys.keys()];
  }

  holds(id: string): boolean {
    return this.keys.has(id);
  }

  /** A fresh data key for a subject, and its form to store: wrapped by the current key, whose id it names. */
  newDataKey(subject: string): { dataKey: Buffer; wrapped: Buffer; keyId: string } {
    const dataKey = randomBytes(KEY_BYTES);
    return { dataKey, ...this.wrap(subject, dataKey) };
  }

  wrap(subject: string, dataKey: Buffer): { wrapped: Buffer; keyId: string } {
    return { wrapped: encrypt(this.key(this.currentId), dataKey, `subject-key/${subject}`), keyId: this.currentId };
  }

  unwrap(subject: string, wrapped: Buffer, keyId: string = FIRST_MASTER_KEY_ID): Buffer {
    return decrypt(this.key(keyId), wrapped, `subject-key/${subject}`);
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new MasterKeyUnknown(id);
    return key;
  }
}
