/** Default fraction of a daily limit past which a reservation reports `softLimitExceeded`. */
export const DEFAULT_SOFT_THRESHOLD = 0.8;

/** Daily spend limits in USD. */
export interface BudgetLimits {
  /** Hard limit on the service's spend per UTC day. 0 refuses every request. */
  readonly dailyUsd: number;
  /**
   * Hard limit on one user's spend per UTC day; applies to requests that carry a userId.
   * @default no per-user limit (and no per-user counter)
   */
  readonly userDailyUsd?: number;
  /**
   * Fraction of a limit, in (0, 1], past which `softLimitExceeded` is reported.
   * @default 0.8
   */
  readonly softThreshold?: number;
}

/** Limits after validation, with every default applied. */
export interface ResolvedLimits {
  readonly dailyUsd: number;
  readonly userDailyUsd?: number;
  readonly softThreshold: number;
}

/**
 * Checks limits and applies defaults.
 * @throws RangeError naming the field when a limit is negative or not a finite number, or
 *   when softThreshold is outside (0, 1].
 */
export function resolveLimits(limits: BudgetLimits): ResolvedLimits {
  checkUsd('dailyUsd', limits.dailyUsd);
  if (limits.userDailyUsd !== undefined) checkUsd('userDailyUsd', limits.userDailyUsd);
  const softThreshold = limits.softThreshold ?? DEFAULT_SOFT_THRESHOLD;
  if (typeof softThreshold !== 'number' || !(softThreshold > 0 && softThreshold <= 1)) {
    throw new RangeError(`budget softThreshold must be a fraction in (0, 1], got ${String(softThreshold)}`);
  }
  return { dailyUsd: limits.dailyUsd, userDailyUsd: limits.userDailyUsd, softThreshold };
}

function checkUsd(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`budget ${field} must be a finite number of USD >= 0, got ${String(value)}`);
  }
}
