/**
 * Telling a provider outage from a sample's own failures, within one judge run.
 *
 * A failure on the provider's side (it throttles, times out, is unreachable, answers 5xx, or
 * refuses the credentials) is not the sample's fault. One such failure among answers may
 * still be the sample's (it is charged an attempt when the run ends); a streak of them,
 * with no answer in between, is an outage: the run stops, and every failure of the streak
 * gives its sample back without charging an attempt, so that a later run judges it once the
 * provider is back. The backlog alarm, not the samples' attempts, tells of the outage.
 */

/** The error categories of a judge call that the provider, not the sample, caused. */
export const PROVIDER_SIDE_CATEGORIES: ReadonlySet<string> = new Set(['rate_limit', 'timeout', 'network_error', 'service_unavailable', 'provider_error', 'auth_error']);

/** Whether a judge call's failure is on the provider's side (see {@link PROVIDER_SIDE_CATEGORIES}). */
export function isProviderSide(category: string): boolean {
  return PROVIDER_SIDE_CATEGORIES.has(category);
}

/** The streak a provider-side failure belongs to; read when the run ends, once no call is in flight. */
export interface ProviderFailureStreak {
  /** The streak reached the threshold: its samples keep their attempts. */
  readonly outage: boolean;
}

/** What the run learns when a failure reaches the threshold. */
export interface ProviderOutage {
  readonly consecutiveFailures: number;
  readonly lastError: string;
}

/**
 * Counts the consecutive provider-side failures of one run's judge calls, in the order they
 * end; any answer of the provider (a score, or a reply that fails validation) ends a streak.
 *
 * @example
 * const streaks = new ProviderFailureStreaks(3, (outage) => stop.abort(`${outage.consecutiveFailures} failures`));
 * const streak = streaks.failed('service_unavailable: OpenAI is unavailable (HTTP 503)');
 * // when the run ends: streak.outage ? release without an attempt : charge the attempt
 */
export class ProviderFailureStreaks {
  private current = { failures: 0, outage: false };
  private first?: ProviderOutage;

  /**
   * @param threshold - consecutive failures that make an outage (JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES)
   * @param onOutage - called once, when the first streak reaches the threshold
   */
  constructor(
    private readonly threshold: number,
    private readonly onOutage: (outage: ProviderOutage) => void,
  ) {}

  /** The first outage of the run, if any. */
  get outage(): ProviderOutage | undefined {
    return this.first;
  }

  /** A judge call ended with the provider's answer, or with a failure that is not the provider's: the streak ends. */
  answered(): void {
    if (this.current.failures > 0) this.current = { failures: 0, outage: false };
  }

  /** A judge call failed on the provider's side; returns the streak it belongs to. */
  failed(reason: string): ProviderFailureStreak {
    const streak = this.current;
    streak.failures++;
    if (!streak.outage && streak.failures >= this.threshold) {
      streak.outage = true;
      if (!this.first) {
        this.first = { consecutiveFailures: streak.failures, lastError: reason };
        this.onOutage(this.first);
      }
    }
    return streak;
  }
}
