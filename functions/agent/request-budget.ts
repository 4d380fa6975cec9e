import { BudgetStoreUnavailableError, type BudgetCounter, type Reservation } from '../shared/budget/budget-counter';
import type { RequestMonitor } from '../shared/monitoring/request-monitor';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';

/**
 * One request's hold on the daily budget. It reserves an estimate before the first LLM call
 * and, before every later call, tops the hold up when what is spent so far plus that call's
 * worst case (its prompt as it now stands, and the full completion allowance) would pass what
 * is held: a request whose tool loop grows its prompt is refused before the call that would
 * overspend, not after. `settle` turns the holds into the real cost, on failure too.
 */
export class RequestBudget {
  readonly #holds: Reservation[] = [];
  #heldUsd = 0;
  /** The store failed and the budget fails open: this request is served without further holds. */
  #unavailable = false;

  private constructor(
    private readonly budget: BudgetCounter,
    private readonly monitor: RequestMonitor,
    private readonly userId: string | undefined,
    private readonly logger: MonitoringLogger | undefined,
  ) {}

  /** Reserves the first estimate; throws BudgetExceededError (and counts a fail-closed store failure) when refused. */
  static async open(
    budget: BudgetCounter,
    monitor: RequestMonitor,
    request: { userId?: string; estimateUsd: number },
    logger?: MonitoringLogger,
  ): Promise<RequestBudget> {
    const hold = new RequestBudget(budget, monitor, request.userId, logger);
    const reservation = await hold.reserve(request.estimateUsd);
    monitor.recordBudget(reservation);
    return hold;
  }

  /** Before an LLM call whose worst case is `callEstimateUsd`: reserve more if the holds would not cover it. */
  async cover(callEstimateUsd: number): Promise<void> {
    if (this.#unavailable) return;
    const needed = this.monitor.costUsd + callEstimateUsd - this.#heldUsd;
    if (needed > 0) await this.reserve(needed);
  }

  /** Charges the real cost: the first hold absorbs the difference, the top-ups stand as reserved. */
  async settle(): Promise<void> {
    const held = this.#holds.filter((reservation) => reservation.state === 'reserved');
    if (held.length === 0) return;
    const [first, ...topUps] = held;
    const topUpUsd = topUps.reduce((total, reservation) => total + reservation.estimateUsd, 0);
    const outcome = await this.budget.settle(first, this.monitor.costUsd - topUpUsd);
    if (!outcome.stored) {
      this.monitor.recordBudgetStoreError();
      this.logger?.warn('could not settle the budget reservation', { requestId: this.monitor.requestId, error: outcome.storeError });
    }
  }

  private async reserve(estimateUsd: number): Promise<Reservation> {
    let reservation: Reservation;
    try {
      reservation = await this.budget.reserve({ requestId: this.monitor.requestId, userId: this.userId, estimateUsd, source: 'agent' });
    } catch (error) {
      if (error instanceof BudgetStoreUnavailableError) {
        this.monitor.recordBudgetStoreError();
        this.logger?.error('budget store unavailable; refusing the request (BUDGET_FAIL_MODE=closed)', {
          requestId: this.monitor.requestId,
          error: error.storeError,
        });
      }
      throw error;
    }
    this.#holds.push(reservation);
    if (reservation.state === 'reserved') this.#heldUsd += estimateUsd;
    else this.#unavailable = true;
    if (reservation.storeError) {
      if (this.#holds.length > 1) this.monitor.recordBudgetStoreError();
      this.logger?.warn('budget store unavailable; serving the request (BUDGET_FAIL_MODE=open)', {
        requestId: this.monitor.requestId,
        error: reservation.storeError,
      });
    }
    return reservation;
  }
}
