/**
 * A token bucket that caps retries at a share of calls, so that retries cannot multiply the load on a callee
 * that is already failing: each call deposits `ratio` of a token (up to `capacity`), each retry withdraws one.
 * With 0.1 and 10, at most one retry per ten calls in a steady outage, after a first burst of ten.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    readonly ratio: number,
    readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Called once per call, before its first attempt. */
  deposit(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.ratio);
  }

  /** Takes one retry's token when there is one; false means: give up now, do not retry. */
  tryWithdraw(): boolean {
    // Ten deposits of 0.1 make 0.9999999999999999 in floating point: one token all the same.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  get available(): number {
    return this.tokens;
  }
}
