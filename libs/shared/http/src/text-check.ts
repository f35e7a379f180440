type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isText = (value: string) => !value.includes('\u0000') && !value.includes('\uFFFD');

/**
 * The path (`address/line1`) of the first string a request may not carry whatever its schema says: NUL,
 * which PostgreSQL cannot store (a 500 otherwise), and U+FFFD, which decoders leave where bytes were not
 * UTF-8. Undefined when every string is text.
 */
export function firstNonText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isText(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value as Json[] | Record<string, Json>)) {
    const found = firstNonText(item, path ? `${path}/${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

export const NON_TEXT_DETAIL = 'is not valid text (NUL, or bytes that are not UTF-8)';
