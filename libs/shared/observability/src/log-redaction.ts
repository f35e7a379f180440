import { stdSerializers } from 'pino';

/** Query parameters whose values are never personal (filters by status, paging); every other value is redacted. */
const SAFE_QUERY_PARAMETERS = new Set(['status', 'limit', 'cursor', 'page', 'size']);

/** `/clients?email=a@b.c&limit=5` → `/clients?email=[redacted]&limit=5`: names stay, values that may be personal go. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return url;
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const [name] = pair.split('=', 1);
      return SAFE_QUERY_PARAMETERS.has(decodeURIComponentSafe(name)) || !pair.includes('=') ? pair : `${name}=[redacted]`;
    });
  return `${url.slice(0, question)}?${query.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * pino's error serialiser without the fields in which drivers echo values: PostgreSQL's `detail`
 * ("Key (email)=(…) already exists"), `where`, and the query `parameters` some wrappers attach.
 */
export function safeError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const serialised = { ...(error instanceof Error ? (stdSerializers.err(error) as unknown as Record<string, unknown>) : error) } as Record<string, unknown>;
  for (const field of ['detail', 'where', 'parameters', 'query', 'driverError']) delete serialised[field];
  return serialised;
}
