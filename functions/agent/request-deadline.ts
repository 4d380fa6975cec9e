import type { Clock } from '../shared/monitoring/with-monitoring';

/**
 * How long past its deadline a request that ran out of time may still take to settle its
 * budget: well inside the 5 s the Lambda timeout leaves after the deadline (tierTimeouts), so
 * the request still ends and its metrics are written.
 */
export const SETTLE_GRACE_MS = 1_000;

/**
 * The point in time a request must end by (AGENT_DEADLINE_MS after it started), as abort
 * signals for the store calls it makes: budget and capture calls never outlive it, whatever
 * the store does.
 */
export class RequestDeadline {
  constructor(
    /** Epoch ms on `clock`. */
    readonly at: number,
    private readonly clock: Clock,
  ) {}

  remainingMs(): number {
    return Math.max(0, Math.ceil(this.at - this.clock()));
  }

  /** Aborts when the deadline passes (at once when it has). */
  signal(): AbortSignal {
    return AbortSignal.timeout(this.remainingMs());
  }

  /** For the settling store call after the model calls: the time left, or SETTLE_GRACE_MS when none is. */
  settleSignal(): AbortSignal {
    return AbortSignal.timeout(Math.max(this.remainingMs(), SETTLE_GRACE_MS));
  }
}
