import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SEALED_PREFIX } from '@bascule/shared/contracts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** AES-256-GCM: `iv | tag | ciphertext`; the associated data binds the ciphertext to where it belongs. */
export function encrypt(key: Buffer, plaintext: Buffer, associated: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(associated));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the key, the associated data or a single bit of the sealed bytes is wrong. */
export function decrypt(key: Buffer, sealed: Buffer, associated: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(associated)).setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A field's value sealed with its subject's data key: `pd1.<subject>.<base64url>`, bound to the subject and field name. */
export function sealValue(dataKey: Buffer, subject: string, field: string, value: unknown): string {
  const sealed = encrypt(dataKey, Buffer.from(JSON.stringify(value)), `${subject}/${field}`);
  return `${SEALED_PREFIX}${subject}.${sealed.toString('base64url')}`;
}

/** The subject a sealed value belongs to (its key's owner). */
export function subjectOfSealed(token: string): string {
  return token.slice(SEALED_PREFIX.length, token.lastIndexOf('.'));
}

export function openValue(dataKey: Buffer, field: string, token: string): unknown {
  const subject = subjectOfSealed(token);
  const sealed = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  return JSON.parse(decrypt(dataKey, sealed, `${subject}/${field}`).toString());
}
