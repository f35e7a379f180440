import { Context } from '@opentelemetry/api';
import { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redactUrl } from './log-redaction';

/**
 * The span attributes that carry a URL or its query, in both HTTP semantic conventions (stable and the older ones
 * the instrumentation still writes by default), on server and client spans alike.
 */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target', 'url.query'] as const;

/**
 * Redacts the query values of every span's URL attributes as the request log does (`email=[redacted]`), whichever
 * instrumentation made the span (incoming or outgoing HTTP, fetch): a span outlives an erasure (ADR 0033).
 * Runs in `onEnding`, while the span still takes attributes and before any exporting processor sees it, so it
 * must come first in the provider's processors.
 */
export class UrlRedactingSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _context: Context): void {
    // Nothing to do until the span's attributes are all set.
  }

  onEnding(span: Span): void {
    for (const name of URL_ATTRIBUTES) {
      const value = span.attributes[name];
      if (typeof value === 'string') span.setAttribute(name, redactedAttribute(name, value));
    }
  }

  onEnd(_span: ReadableSpan): void {
    // The span is read-only by now; onEnding did the work.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** `url.query` holds the query alone (no `?`); the others a URL or a path with its query. */
export function redactedAttribute(name: string, value: string): string {
  return name === 'url.query' ? (redactUrl(`?${value}`) ?? '').slice(1) : (redactUrl(value) ?? value);
}
