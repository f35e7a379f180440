import { Static, TSchema, Type } from '@sinclair/typebox';
import { EventContract } from './event-contract';

/** The prefix of a sealed personal field on the wire: `pd1.<subject>.<base64url(iv | tag | ciphertext)>`. */
export const SEALED_PREFIX = 'pd1.';

/**
 * A personal field of an event (ADR 0033): on the wire a string sealed with the subject's own key (AES-256-GCM),
 * which erasure destroys; `x-personal-schema` documents the value inside. Its static type is that value, what a
 * consumer holding the key reads once opened.
 */
export function Personal<T extends TSchema>(inside: T) {
  return Type.Unsafe<Static<T>>({
    type: 'string',
    pattern: '^pd1\\.',
    description: 'Personal data sealed with the subject’s key; unreadable once the subject is erased (ADR 0033).',
    'x-personal': true,
    'x-personal-schema': inside,
  });
}

/** The payload fields a contract declares personal (top level only: a personal object is sealed whole). */
export function personalFieldsOf(contract: Pick<EventContract, 'schema'>): string[] {
  const properties = (contract.schema as { properties?: Record<string, { 'x-personal'?: boolean }> }).properties ?? {};
  return Object.entries(properties)
    .filter(([, schema]) => schema['x-personal'] === true)
    .map(([name]) => name);
}

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED_PREFIX);
