/** Something the service needs before it can take traffic; `check` throws (with why) when it is not there. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
