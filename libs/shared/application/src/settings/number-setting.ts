export interface NumberSettingRule {
  /** Smallest value accepted (default 0: no duration, size or port is negative). */
  min?: number;
  max?: number;
  /** Whole numbers only (pool sizes, ports, milliseconds). */
  integer?: boolean;
}

/**
 * A numeric setting from the environment, or its default when unset or empty. Anything else that is not a
 * number within the rule is refused with the setting's name, so a typo stops the process at start instead of
 * reaching the code as NaN (a NaN cooldown or pool size silently disables the limit it sets).
 */
export function numberSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false }: NumberSettingRule = {},
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const kind = integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)
    throw new Error(
      `${name} must be ${kind} from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, not "${raw}"`,
    );
  return value;
}

/** A TCP port setting: a whole number from 1 to 65535. */
export function portSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return numberSetting(env, name, fallback, { min: 1, max: 65_535, integer: true });
}
