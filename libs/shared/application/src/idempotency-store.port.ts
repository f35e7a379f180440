/** A request made with an `Idempotency-Key`: whose (the verified caller), to which operation, and what it asked. */
export interface IdempotentRequest {
  /** The caller the key belongs to (token subject and OAuth client): the same key from another caller is another request. */
  caller: string;
  /** `POST /clients`: the method and route template. */
  operation: string;
  key: string;
  /** A hash of the operation and the canonical body: the same key with another body is refused. */
  fingerprint: string;
}

/** What the first request answered, kept to answer its retries. */
export interface IdempotentAnswer {
  status: number;
  /** The headers a retry must get too (Location, ETag). */
  headers: Record<string, string>;
  body: unknown;
  /** The aggregate the answer is about, so erasing it can redact the answer. */
  aggregateId: string | null;
}

export type IdempotentOutcome =
  | { kind: 'answered'; answer: IdempotentAnswer; replayed: boolean }
  /** Another request with this key is running now; nothing of it is committed yet. */
  | { kind: 'in-flight' }
  /** The key was used by this caller for another request. */
  | { kind: 'key-reused' };

/**
 * Runs a request at most once per caller and key: its effect and its answer commit in one transaction, so
 * there is no moment where one is kept and the other not; a failed request keeps nothing and may be retried.
 */
export abstract class IdempotencyStore {
  abstract once(request: IdempotentRequest, work: () => Promise<IdempotentAnswer>): Promise<IdempotentOutcome>;
}
