import { MalformedChange } from './debezium-change';

const LEGACY_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** A column the model cannot do without: NULL there makes the row corrupt (set aside with this reason). */
export function requiredValue<T>(column: string, value: T | null | undefined): T {
  if (value === null || value === undefined) throw new MalformedChange(`${column} is NULL`);
  return value;
}

/**
 * A legacy date (`DD/MM/YYYY`, a `varchar(10)`) as ISO `YYYY-MM-DD`, the form the contexts keep; a text that is
 * no such date, or a day no calendar has (`31/02/2020`), makes the row corrupt.
 */
export function capturedLegacyDate(column: string, text: string): string {
  const match = LEGACY_DATE.exec(text);
  const [day, month, year] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new MalformedChange(`${column} is not a DD/MM/YYYY date`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}
