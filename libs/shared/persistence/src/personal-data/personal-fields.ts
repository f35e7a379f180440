import { EventContract, EventEnvelope, isSealed, personalFieldsOf } from '@bascule/shared/contracts';
import { SqlRows } from '../transactions';
import { openValue, sealValue, subjectOfSealed } from './field-cipher';
import { SubjectKeys } from './subject-keys';

/** What a personal field reads as once its subject is erased: a clear mark, never an error. */
export const ERASED_FIELD = Object.freeze({ erased: true as const });
/** The field name a whole value is sealed under (a dead letter's bytes). */
const WHOLE_VALUE = 'value';

export const isErasedField = (value: unknown): value is typeof ERASED_FIELD =>
  typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;

/**
 * Seals and opens the personal fields of events (ADR 0033): each with the key of the event's aggregate (its
 * subject), created on its first event in the writing transaction.
 */
export class PersonalFields {
  constructor(private readonly keys: SubjectKeys) {}

  /** The envelopes with their contracts' personal fields sealed (one key lookup for all). */
  async seal(tx: SqlRows, events: readonly { envelope: EventEnvelope; contract?: EventContract }[]) {
    const fieldsOf = (contract?: EventContract) => (contract ? personalFieldsOf(contract) : []);
    const personal = events.filter(({ contract }) => fieldsOf(contract).length > 0);
    if (personal.length === 0) return events.map(({ envelope }) => envelope);
    const keys = await this.keys.keysFor(
      tx,
      personal.map(({ envelope }) => envelope.aggregateId),
    );
    return events.map(({ envelope, contract }) => {
      const fields = fieldsOf(contract);
      if (fields.length === 0) return envelope;
      const payload = { ...(envelope.payload as Record<string, unknown>) };
      const key = keys.get(envelope.aggregateId) as Buffer;
      for (const field of fields)
        if (field in payload && !isSealed(payload[field]))
          payload[field] = sealValue(key, envelope.aggregateId, field, payload[field]);
      return { ...envelope, payload };
    });
  }

  /**
   * The payload with each sealed field opened when this database holds its subject's key, `ERASED_FIELD` when
   * erasure destroyed it; a subject this context does not own stays sealed (other contexts read its data
   * through the owning context's API).
   */
  async open(sql: SqlRows, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const sealed = Object.entries(payload).filter((entry): entry is [string, string] => isSealed(entry[1]));
    if (sealed.length === 0) return payload;
    const keys = await this.keys.find(
      sql,
      sealed.map(([, token]) => subjectOfSealed(token)),
    );
    const opened = { ...payload };
    for (const [field, token] of sealed) {
      const key = keys.get(subjectOfSealed(token));
      if (key === 'erased') opened[field] = ERASED_FIELD;
      else if (key) opened[field] = openValue(key, field, token);
    }
    return opened;
  }

  /** Bytes about a subject sealed whole (a dead letter's value), as `pd1.<subject>.<…>`; its key made if need be. */
  async sealBytes(sql: SqlRows, subject: string, bytes: Buffer): Promise<Buffer> {
    const key = (await this.keys.keysFor(sql, [subject])).get(subject) as Buffer;
    return Buffer.from(sealValue(key, subject, WHOLE_VALUE, bytes.toString('base64')));
  }

  /** What `sealBytes` sealed; `ERASED_FIELD` once its subject is erased, null when this database has not its key. */
  async openBytes(sql: SqlRows, sealed: Buffer): Promise<Buffer | typeof ERASED_FIELD | null> {
    const token = sealed.toString();
    const key = (await this.keys.find(sql, [subjectOfSealed(token)])).get(subjectOfSealed(token));
    if (key === 'erased') return ERASED_FIELD;
    return key ? Buffer.from(openValue(key, WHOLE_VALUE, token) as string, 'base64') : null;
  }
}
