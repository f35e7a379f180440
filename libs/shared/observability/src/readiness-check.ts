/** Something the service needs before it can take traffic; `check` throws (with why) when it is not there. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

/** What `/health/ready` checks: only what the service needs to serve requests (its database). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
/** What `/health/details` adds for operators (the broker, Kafka Connect, consumers): never used by probes. */
export const DETAIL_CHECKS = Symbol('DETAIL_CHECKS');
