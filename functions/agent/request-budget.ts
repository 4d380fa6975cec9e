import { BudgetExceededError } from '../shared/errors/agent-errors';
import { BudgetStoreUnavailableError, type BudgetCounter, type Reservation } from '../shared/budget/budget-counter';
import type { ReplyRecord, RequestMonitor } from '../shared/monitoring/request-monitor';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import { chargeReply } from '../shared/pricing/reply-charge';

/** Who the request is for, the model it asks for, and its first worst-case estimate. */
export interface RequestBudgetRequest {
  readonly userId?: string;
  /** The requested model (priced: a budget with an unpriced model is a startup error). */
  readonly model: string;
  readonly estimateUsd: number;
  /** Bounds the reserving store calls (the request's deadline). */
  readonly signal?: AbortSignal;
}

/**
 * One request's hold on the daily budget. It reserves an estimate before the first LLM call
 * and, before every later call, tops the hold up when what is charged so far plus that call's
 * worst case (its prompt as it now stands, and the full completion allowance) would pass what
 * is held: a request whose tool loop grows its prompt is refused before the call that would
 * overspend, not after. `settle` turns the holds into what the request is charged, on failure too.
 *
 * Every reply is charged, none for free:
 * - a priced reply at its cost, even past its call's worst case (a provider ignoring
 *   `max_completion_tokens`): the spend is real, and such a reply counts in `agent.budget.overruns`;
 * - a reply from a model with no price entry at the requested model's price for its usage,
 *   and never less than its call's worst case;
 * - a reply without usable usage (none reported, or a figure no call could produce) at its
 *   call's worst case.
 *
 * A call's worst case is never taken below what the request's costliest reply so far was
 * charged: once a provider has shown it ignores the cap, the next call holds what it is likely
 * to cost, and the top-up that cannot be held is refused before the call instead of overrunning.
 */
export class RequestBudget {
  readonly #holds: Reservation[] = [];
  #heldUsd = 0;
  /** The store failed and the budget fails open: this request is served without further holds. */
  #unavailable = false;
  #chargedUsd = 0;
  #chargedReplies = 0;
  /** The worst case of the call about to run as the caller estimates it (the completion cap in full), from the last cover(). */
  #callEstimateUsd: number;
  /** What is held for the call about to run: its estimate, or the costliest reply so far when that is more. */
  #callHoldUsd: number;
  #costliestReplyUsd = 0;

  private constructor(
    private readonly budget: BudgetCounter,
    private readonly monitor: RequestMonitor,
    private readonly request: RequestBudgetRequest,
    private readonly logger: MonitoringLogger | undefined,
  ) {
    this.#callEstimateUsd = request.estimateUsd;
    this.#callHoldUsd = request.estimateUsd;
  }

  /**
   * Reserves the first estimate.
   * @throws BudgetExceededError when refused; BudgetStoreUnavailableError (counted as a store
   *   error) when the store fails and the budget fails closed.
   */
  static async open(budget: BudgetCounter, monitor: RequestMonitor, request: RequestBudgetRequest, logger?: MonitoringLogger): Promise<RequestBudget> {
    const hold = new RequestBudget(budget, monitor, request, logger);
    const reservation = await hold.reserve(request.estimateUsd);
    monitor.recordBudget(reservation);
    return hold;
  }

  /** What the request is charged so far (priced replies at their cost, the others conservatively). */
  get chargedUsd(): number {
    this.chargeNewReplies();
    return this.#chargedUsd;
  }

  /**
   * Before an LLM call whose worst case is `callEstimateUsd`: reserve more if the holds would not
   * cover it (or the costliest reply so far, when that cost more).
   * @throws like open() when the top-up is refused.
   */
  async cover(callEstimateUsd: number): Promise<void> {
    this.chargeNewReplies();
    this.#callEstimateUsd = callEstimateUsd;
    this.#callHoldUsd = Math.max(callEstimateUsd, this.#costliestReplyUsd);
    if (this.#unavailable) return;
    const needed = this.#chargedUsd + this.#callHoldUsd - this.#heldUsd;
    if (needed > 0) await this.reserve(needed);
  }

  /** Charges what the request owes: the first hold absorbs the difference, the top-ups stand as reserved. Never throws; `signal` bounds it. */
  async settle(signal?: AbortSignal): Promise<void> {
    const charged = this.chargedUsd;
    const held = this.#holds.filter((reservation) => reservation.state === 'reserved');
    if (held.length === 0) return;
    const [first, ...topUps] = held;
    const topUpUsd = topUps.reduce((total, reservation) => total + reservation.estimateUsd, 0);
    const outcome = await this.budget.settle(first, charged - topUpUsd, signal);
    if (!outcome.stored) {
      this.monitor.recordBudgetStoreError();
      this.logger?.warn('could not settle the budget reservation', { requestId: this.monitor.requestId, error: outcome.storeError });
    }
  }

  private chargeNewReplies(): void {
    const { replies } = this.monitor;
    for (; this.#chargedReplies < replies.length; this.#chargedReplies += 1) {
      const chargedUsd = this.charge(replies[this.#chargedReplies]);
      this.#chargedUsd += chargedUsd;
      this.#costliestReplyUsd = Math.max(this.#costliestReplyUsd, chargedUsd);
    }
  }

  private charge(reply: ReplyRecord): number {
    const charge = chargeReply(reply, { requestedModel: this.request.model, worstCaseUsd: this.#callHoldUsd, price: (model, usage) => this.monitor.priceAs(model, usage) });
    if (charge.priced) {
      if (charge.chargedUsd > this.#callEstimateUsd) this.monitor.recordBudgetOverrun();
      return charge.chargedUsd;
    }
    this.logger?.warn('reply charged to the budget conservatively', { requestId: this.monitor.requestId, model: reply.model, reason: charge.reason, chargedUsd: charge.chargedUsd });
    return charge.chargedUsd;
  }

  private async reserve(estimateUsd: number): Promise<Reservation> {
    let reservation: Reservation;
    try {
      reservation = await this.budget.reserve({ requestId: this.monitor.requestId, userId: this.request.userId, estimateUsd, source: 'agent', signal: this.request.signal });
    } catch (error) {
      this.recordRefusal(error);
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

  private recordRefusal(error: unknown): void {
    if (error instanceof BudgetExceededError) this.monitor.recordBudgetRefusal();
    if (error instanceof BudgetStoreUnavailableError) {
      this.monitor.recordBudgetStoreError();
      this.logger?.error('budget store unavailable; refusing the request (BUDGET_FAIL_MODE=closed)', {
        requestId: this.monitor.requestId,
        error: error.storeError,
      });
    }
  }
}
