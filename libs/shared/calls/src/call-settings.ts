/** How one callee (another context, a provider) is called: see docs/adr/0026-call-policy.md. */
export interface CallPolicySettings {
  /** The whole call, retries and backoff included; also the gRPC deadline the callee sees. */
  deadlineMs: number;
  /** Retries after the first attempt, for idempotent calls only. */
  maxRetries: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Retries earned per call, and the most that can be saved up (RetryBudget). */
  retryBudgetRatio: number;
  retryBudgetCapacity: number;
  /** Consecutive failures that open the breaker, and how long it stays open before one probe call. */
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
}

export const DEFAULT_CALL_POLICY: CallPolicySettings = {
  deadlineMs: 2000,
  maxRetries: 2,
  backoffInitialMs: 50,
  backoffMaxMs: 1000,
  retryBudgetRatio: 0.1,
  retryBudgetCapacity: 10,
  breakerFailures: 5,
  breakerHalfOpenAfterMs: 5000,
};

/** `client` → `CLIENT`, `payment-provider` → `PAYMENT_PROVIDER` (the manifests' envPrefix rule). */
export const envPrefixOf = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** The variable each setting of a callee is read from: `<CALLEE>_CALL_DEADLINE_MS`, ... */
export function callPolicyEnvNames(callee: string): Record<keyof CallPolicySettings, string> {
  const prefix = `${envPrefixOf(callee)}_CALL_`;
  return {
    deadlineMs: `${prefix}DEADLINE_MS`,
    maxRetries: `${prefix}MAX_RETRIES`,
    backoffInitialMs: `${prefix}BACKOFF_INITIAL_MS`,
    backoffMaxMs: `${prefix}BACKOFF_MAX_MS`,
    retryBudgetRatio: `${prefix}RETRY_BUDGET_RATIO`,
    retryBudgetCapacity: `${prefix}RETRY_BUDGET_CAPACITY`,
    breakerFailures: `${prefix}BREAKER_FAILURES`,
    breakerHalfOpenAfterMs: `${prefix}BREAKER_HALF_OPEN_MS`,
  };
}

/** Which settings must be whole numbers, and the least each may be. */
const RULES: Record<keyof CallPolicySettings, { integer: boolean; min: number }> = {
  deadlineMs: { integer: true, min: 1 },
  maxRetries: { integer: true, min: 0 },
  backoffInitialMs: { integer: true, min: 0 },
  backoffMaxMs: { integer: true, min: 0 },
  retryBudgetRatio: { integer: false, min: 0 },
  retryBudgetCapacity: { integer: false, min: 0 },
  breakerFailures: { integer: true, min: 1 },
  breakerHalfOpenAfterMs: { integer: true, min: 1 },
};

/**
 * The call policy of `callee` from the environment, each unset setting at its default (`overrides` first, then
 * DEFAULT_CALL_POLICY). A value that is not a number, or out of range, stops the start naming the variable.
 */
export function callPolicySettings(
  callee: string,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<CallPolicySettings> = {},
): CallPolicySettings {
  const names = callPolicyEnvNames(callee);
  const settings = { ...DEFAULT_CALL_POLICY, ...overrides };
  for (const key of Object.keys(names) as (keyof CallPolicySettings)[]) {
    const raw = env[names[key]];
    if (raw !== undefined) settings[key] = numberSetting(names[key], raw, RULES[key]);
  }
  if (settings.backoffMaxMs < settings.backoffInitialMs)
    throw new Error(`${names.backoffMaxMs} must be at least ${names.backoffInitialMs} (${settings.backoffInitialMs})`);
  return settings;
}

/** A numeric setting, or an error that names it. */
export function numberSetting(name: string, raw: string, rule = { integer: false, min: 0 }): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value)) || value < rule.min)
    throw new Error(
      `${name} must be ${rule.integer ? 'a whole number' : 'a number'} of at least ${rule.min}, got ${JSON.stringify(raw)}`,
    );
  return value;
}
