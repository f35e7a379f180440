import { MalformedChange } from './debezium-change';

/**
 * A one-letter (or short) legacy code as the value the context holds (`'C'` → `'CAPTURED'`), padding ignored
 * (`char(n)`). A code the table is not known to hold makes the row corrupt (thrown, the row is set aside with
 * the reason), never guessed.
 */
export function capturedCode<T extends string>(column: string, code: string, values: Readonly<Record<string, T>>): T {
  const value = Object.hasOwn(values, code.trim()) ? values[code.trim()] : undefined;
  if (value === undefined) {
    const known = Object.keys(values);
    throw new MalformedChange(
      `${column} "${code}" is not ${known.slice(0, -1).join(', ')}${known.length > 1 ? ' or ' : ''}${known.at(-1)}`,
    );
  }
  return value;
}
