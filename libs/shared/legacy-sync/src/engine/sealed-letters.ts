import { outsideTransaction, PersonalFields } from '@bascule/shared/persistence';
import { Pool } from 'pg';

/**
 * A legacy row set aside, sealed whole with its subject's key (ADR 0033), so an erasure after it was set aside reaches
 * it too; undefined (it goes as it came) without personal fields, without a subject (its key unreadable) or without a
 * value. A table's sync and a group's both seal here.
 */
export async function sealedLetterValue(
  personal: PersonalFields | undefined,
  pool: Pool,
  subject: string | undefined,
  value: Buffer | null,
): Promise<Buffer | undefined> {
  if (!personal || subject === undefined || !value) return undefined;
  return personal.sealBytes(outsideTransaction(pool), subject, value);
}
