import { classifyFailure } from '@bascule/shared/application';
import {
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutPolicy,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { CallError } from './call-error';
import { CallOutcome, callMetrics, CIRCUIT_STATE_VALUES, CircuitStateName } from './call-metrics';
import { CallPolicySettings } from './call-settings';
import { RetryBudget } from './retry-budget';

export interface CallAttempt {
  /** Aborted when the call's deadline passes: the attempt stops its request. */
  signal: AbortSignal;
  /** The whole call's deadline, to hand to the callee (a gRPC deadline). */
  deadline: Date;
  /** 0 for the first attempt. */
  attempt: number;
}

export interface CallOptions {
  /** Only an idempotent call is retried: a retried write could be applied twice. */
  idempotent: boolean;
}

/** gRPC's DEADLINE_EXCEEDED status, as grpc-js sets it in `code`. */
const GRPC_DEADLINE_EXCEEDED = 4;

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * One policy per callee, shared by every call to it (gRPC to another context, HTTP to a provider), on cockatiel:
 * a deadline over the whole call, retries of idempotent calls with decorrelated-jitter backoff and a retry budget,
 * and a consecutive-failures circuit breaker with a half-open probe. Only transient failures (the failure
 * classifier's) are retried and counted by the breaker: a callee that answers NOT_FOUND is healthy.
 * See docs/adr/0026-call-policy.md.
 */
export class CallPolicy {
  readonly budget: RetryBudget;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly deadline: TimeoutPolicy;
  private readonly backoff: ExponentialBackoff<unknown>;

  constructor(
    readonly callee: string,
    readonly settings: CallPolicySettings,
    private readonly metrics = callMetrics,
  ) {
    this.budget = new RetryBudget(settings.retryBudgetRatio, settings.retryBudgetCapacity);
    this.breaker = circuitBreaker(
      handleWhen((error) => classifyFailure(error).kind === 'transient'),
      {
        halfOpenAfter: settings.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.breakerFailures),
      },
    );
    this.deadline = timeout(settings.deadlineMs, TimeoutStrategy.Aggressive);
    this.backoff = new ExponentialBackoff({
      generator: decorrelatedJitterGenerator,
      initialDelay: settings.backoffInitialMs,
      maxDelay: settings.backoffMaxMs,
    });
    this.breaker.onStateChange((state) =>
      this.metrics.circuitState.set({ callee }, CIRCUIT_STATE_VALUES[STATE_NAMES[state]]),
    );
    this.metrics.circuitState.set({ callee }, CIRCUIT_STATE_VALUES.closed);
  }

  get circuit(): CircuitStateName {
    return STATE_NAMES[this.breaker.state];
  }

  /**
   * Runs `attempt` under the policy. Resolves with its answer; rejects with the callee's own refusal as it is, or
   * with a CallError (CALL.CIRCUIT_OPEN, CALL.DEADLINE_EXCEEDED, CALL.UPSTREAM_UNAVAILABLE) when no answer came.
   */
  async execute<T>(operation: string, attempt: (call: CallAttempt) => Promise<T>, options: CallOptions): Promise<T> {
    const deadline = new Date(Date.now() + this.settings.deadlineMs);
    this.budget.deposit();
    let retries = 0;
    // The filter is asked once per failed attempt: it decides, and spends the budget, only for a retry to come.
    const retrying = retry(
      handleWhen((error) => {
        const again =
          options.idempotent &&
          retries < this.settings.maxRetries &&
          !isBrokenCircuitError(error) &&
          classifyFailure(error).kind === 'transient' &&
          this.budget.tryWithdraw();
        if (again) {
          retries += 1;
          this.metrics.retries.inc({ callee: this.callee, rpc: operation });
        }
        return again;
      }),
      { maxAttempts: this.settings.maxRetries, backoff: this.backoff },
    );
    try {
      const answer = await wrap(this.deadline, retrying, this.breaker).execute(async (context) => {
        try {
          return await attempt({ signal: context.signal, deadline, attempt: retries });
        } catch (error) {
          // An attempt stopped by the deadline is a slow callee (the breaker counts it), whatever it threw.
          if (!context.signal.aborted) throw error;
          throw this.deadlineExceeded(operation, error);
        }
      });
      this.count(operation, 'ok');
      return answer;
    } catch (error) {
      const failure = this.describe(operation, error);
      this.count(operation, failure instanceof CallError ? outcomeOf(failure) : 'refused');
      throw failure;
    }
  }

  /** The bearer token for a call, from `source`; counted as a call that ended token_unavailable when there is none. */
  async token(operation: string, source: () => Promise<string>): Promise<string> {
    try {
      return await source();
    } catch (error) {
      this.count(operation, 'token_unavailable');
      throw error;
    }
  }

  /** A CallError when no answer came; the callee's refusal as it is. */
  private describe(operation: string, error: unknown): unknown {
    if (error instanceof CallError) return error;
    if (isBrokenCircuitError(error))
      return new CallError(
        'CALL.CIRCUIT_OPEN',
        this.callee,
        operation,
        `circuit open after ${this.settings.breakerFailures} consecutive failures; calls fail fast until a probe succeeds`,
        { cause: this.lastFailure() },
      );
    // Not cockatiel's isTaskCancelledError: in 3.2.1 it tests for `isBulkheadRejectedError`.
    if (error instanceof TaskCancelledError || (error as { code?: unknown })?.code === GRPC_DEADLINE_EXCEEDED)
      return this.deadlineExceeded(operation, error);
    const failure = classifyFailure(error);
    if (failure.kind === 'transient')
      return new CallError('CALL.UPSTREAM_UNAVAILABLE', this.callee, operation, `unavailable (${failure.reason})`, {
        cause: error,
      });
    return error;
  }

  private deadlineExceeded(operation: string, cause: unknown): CallError {
    const detail = `no answer within ${this.settings.deadlineMs} ms`;
    return new CallError('CALL.DEADLINE_EXCEEDED', this.callee, operation, detail, { cause });
  }

  private lastFailure(): unknown {
    const last = this.breaker.lastFailure;
    return last && 'error' in last ? last.error : undefined;
  }

  private count(operation: string, outcome: CallOutcome): void {
    this.metrics.calls.inc({ callee: this.callee, rpc: operation, outcome });
  }
}

const outcomeOf = (error: CallError): CallOutcome =>
  (
    ({
      'CALL.CIRCUIT_OPEN': 'circuit_open',
      'CALL.DEADLINE_EXCEEDED': 'deadline_exceeded',
      'CALL.UPSTREAM_UNAVAILABLE': 'upstream_unavailable',
      'CALL.TOKEN_UNAVAILABLE': 'token_unavailable',
    }) as const
  )[error.code];
