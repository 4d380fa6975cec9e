import type { BudgetCounter, Reservation } from '../shared/budget/budget-counter';
import { BudgetExceededError } from '../shared/errors/agent-errors';

/**
 * A judge run's share of the daily budget, reserved through the BudgetCounter (source
 * 'judge') in blocks of `blockSamples` estimates rather than once per sample: the counter
 * still refuses judge spend past the hard limit, and the run saves two budget writes per
 * sample. close() settles the blocks to the run's actual spend. A run that crashes leaves
 * at most one unsettled block counted: the safe side.
 *
 * @example
 * const budget = new JudgeBudget(counter, 'judge-run#1', 8);
 * await budget.acquire(estimate); // throws BudgetExceededError when the daily budget is spent
 * budget.spend(estimate, actualCost);
 * await budget.close();
 */
export class JudgeBudget {
  private available = 0;
  private reservedUsd = 0;
  private spentUsd = 0;
  private readonly blocks: Reservation[] = [];
  private refill?: Promise<void>;

  constructor(
    private readonly counter: BudgetCounter,
    private readonly runId: string,
    private readonly blockSamples: number,
  ) {}

  /**
   * Takes `estimateUsd` from the run's reserved block, reserving a new block when it runs out.
   * @throws BudgetExceededError when the daily budget cannot cover even this one estimate.
   */
  async acquire(estimateUsd: number): Promise<void> {
    while (this.available < estimateUsd) {
      this.refill ??= this.reserveBlock(estimateUsd).finally(() => {
        this.refill = undefined;
      });
      await this.refill;
    }
    this.available -= estimateUsd;
  }

  /** Replaces an acquired estimate by what the call actually cost (0 when it did not happen). */
  spend(estimateUsd: number, actualUsd: number): void {
    this.available += estimateUsd - actualUsd;
    this.spentUsd += actualUsd;
  }

  /** Settles the reserved blocks to the actual spend: usually one budget write. Never throws. */
  async close(): Promise<void> {
    let unused = this.reservedUsd - this.spentUsd;
    const settled = this.blocks.filter((block) => block.state === 'reserved').reverse();
    for (const block of settled) {
      if (unused === 0) break;
      const change = unused < 0 ? unused : Math.min(unused, block.estimateUsd);
      await this.counter.settle(block, block.estimateUsd - change);
      unused -= change;
    }
  }

  private async reserveBlock(estimateUsd: number): Promise<void> {
    const block = estimateUsd * this.blockSamples;
    let reservation: Reservation;
    try {
      reservation = await this.reserve(block);
    } catch (error) {
      if (!(error instanceof BudgetExceededError) || block <= estimateUsd) throw error;
      reservation = await this.reserve(estimateUsd);
    }
    this.blocks.push(reservation);
    if (reservation.state === 'reserved') this.reservedUsd += reservation.estimateUsd;
    this.available += reservation.estimateUsd;
  }

  private reserve(amountUsd: number): Promise<Reservation> {
    return this.counter.reserve({ requestId: `${this.runId}#${this.blocks.length + 1}`, estimateUsd: amountUsd, source: 'judge' });
  }
}
