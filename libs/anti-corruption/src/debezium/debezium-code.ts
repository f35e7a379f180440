import { MalformedChange } from './debezium-change';

/**
 * A one-letter legacy code (`STATUT` 'E') as the value it means in the new model (`PENDING`). A code the legacy
 * schema never had makes the row corrupt (thrown, its transaction set aside), named by column, never by value.
 */
export function capturedCode<Codes extends Record<string, string>>(
  column: string,
  code: string,
  codes: Codes,
): Codes[keyof Codes] {
  const value = Object.prototype.hasOwnProperty.call(codes, code) ? codes[code] : undefined;
  if (value === undefined) throw new MalformedChange(`${column} is not one of ${Object.keys(codes).join(', ')}`);
  return value as Codes[keyof Codes];
}
