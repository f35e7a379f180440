import { describeError, errorCode, errorName } from '@bascule/shared/application';

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
      return SAFE_QUERY_PARAMETERS.has(decodeURIComponentSafe(name)) || !pair.includes('=')
        ? pair
        : `${name}=[redacted]`;
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
 * pino's `err` serialiser: the error's name, its safe description in place of the message, its code, and its
 * stack frames (which name functions and files, never data). Everything else an error carries is left out:
 * drivers echo values in `message`, `detail`, `where`, `parameters`, `query`; domain errors in `details`.
 */
export function safeError(serialised: unknown): unknown {
  // pino-http hands its `err` serialiser pino's own serialisation, which keeps the error itself as `raw`.
  const raw = (serialised as { raw?: unknown } | null)?.raw;
  const error = !(serialised instanceof Error) && typeof raw === 'object' && raw !== null ? raw : serialised;
  if (typeof error !== 'object' || error === null)
    return error === undefined ? undefined : { message: describeError(error) };
  const stack = (error as { stack?: unknown }).stack;
  const name = errorName(error);
  const message = describeError(error);
  const code = errorCode(error);
  const frames = typeof stack === 'string' ? stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  return {
    type: name,
    message,
    ...(code ? { code } : {}),
    ...(frames.length ? { stack: [`${name}: ${message}`, ...frames].join('\n') } : {}),
  };
}
