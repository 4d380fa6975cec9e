/** Why a run stopped taking samples, once it has; the samples left stay pending. */
export class RunStop {
  private why?: string;
  private abortedCalls = false;

  /** The reason the run stopped, or undefined while it goes on. */
  get reason(): string | undefined {
    return this.why;
  }

  /** True when samples already claimed must not be judged either. */
  get aborted(): boolean {
    return this.abortedCalls;
  }

  /** No new sample is started; those already holding their spend are judged. The first reason wins. */
  stop(reason: string): void {
    this.why ??= reason;
  }

  /** No new provider call is made at all (the deadline is near, or the provider refuses the credentials). */
  abort(reason: string): void {
    this.stop(reason);
    this.abortedCalls = true;
  }
}

/** Part of the per-run spend cap held for one judge call until its cost is known. */
export interface SpendHold {
  /** Replaces the held estimate by the actual cost (0 when the call did not happen). */
  settle(actualUsd: number): void;
}

/**
 * The per-run spend cap (JUDGE_MAX_SPEND_USD_PER_RUN): a judge call is started only when the
 * run's spend so far, plus the estimates of the calls in flight, plus its own estimate fits.
 */
export class RunSpendCap {
  private spent = 0;
  private held = 0;

  constructor(private readonly limitUsd: number) {}

  /** USD actually spent by the run. */
  get spentUsd(): number {
    return this.spent;
  }

  /** Holds `estimateUsd`, or returns undefined when it would pass the cap. */
  tryHold(estimateUsd: number): SpendHold | undefined {
    if (this.spent + this.held + estimateUsd > this.limitUsd) return undefined;
    this.held += estimateUsd;
    let settled = false;
    return {
      settle: (actualUsd) => {
        if (settled) return;
        settled = true;
        this.held -= estimateUsd;
        this.spent += actualUsd;
      },
    };
  }
}
