import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SERVICE_NAME } from '../../../lib/catalog/metrics';
import { BudgetExceededError } from '../errors/agent-errors';
import { BudgetStoreUnavailableError, describeStoreError, isConditionalCheckFailure } from './budget-errors';
import { TTL_ATTRIBUTE, expiresAt, itemKey, serviceKey, toMicros, toUsd, userKey, utcDay } from './budget-keys';
import { resolveLimits, type ResolvedLimits } from './budget-limits';
import type { BudgetCounterOptions, BudgetSource, Reservation, ReserveRequest, SettleResult } from './budget-types';

export type { BudgetLimits } from './budget-limits';
export type { BudgetCounterOptions, BudgetSource, Reservation, ReserveRequest, SettleResult } from './budget-types';
export { BudgetStoreUnavailableError, isBudgetRefusal } from './budget-errors';
export type { BudgetItem } from './budget-keys';

interface Counter {
  readonly pk: string;
  readonly day: string;
  readonly limitMicros: number;
  readonly describeLimit: string;
  readonly scope: 'service' | 'user';
}

/**
 * A daily spend counter in DynamoDB, shared by the agent and the judge. reserve() adds the
 * estimate with a conditional atomic update, so concurrent requests can never push the day's
 * total past a hard limit; settle() corrects the estimate to the actual cost.
 *
 * @example
 * const budget = new BudgetCounter({ doc, tableName, limits: { dailyUsd: 50, userDailyUsd: 2 } });
 * const reservation = await budget.reserve({ requestId, userId, estimateUsd: 0.01 }); // throws BudgetExceededError
 * try { answer = await callLlm(); } finally { await budget.settle(reservation, actualCostUsd); }
 */
export class BudgetCounter {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly limits: ResolvedLimits;
  private readonly now: () => number;
  private readonly failMode: 'open' | 'closed';
  private readonly service: string;

  /** @throws RangeError naming the field of an invalid limit. */
  constructor(options: BudgetCounterOptions) {
    this.limits = resolveLimits(options.limits);
    if (options.failMode !== undefined && options.failMode !== 'open' && options.failMode !== 'closed') {
      throw new RangeError(`budget failMode must be 'open' or 'closed', got ${String(options.failMode)}`);
    }
    this.doc = options.doc;
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
    this.failMode = options.failMode ?? 'open';
    this.service = options.service ?? DEFAULT_SERVICE_NAME;
  }

  /**
   * Holds `estimateUsd` against today's service counter, then the user's counter (when the
   * request has a userId and a per-user limit is set); a refused user charge rolls the
   * service charge back.
   * @throws BudgetExceededError (scope 'service' or 'user') when a hard limit would be passed
   *   or is already reached; BudgetStoreUnavailableError (category `budget_unavailable`) when the
   *   store fails and failMode is 'closed'.
   * @throws RangeError when estimateUsd is negative or not a finite number.
   */
  async reserve(request: ReserveRequest): Promise<Reservation> {
    const { requestId, userId, estimateUsd, signal } = request;
    if (typeof estimateUsd !== 'number' || !Number.isFinite(estimateUsd) || estimateUsd < 0) {
      throw new RangeError(`budget estimateUsd must be a finite number of USD >= 0, got ${String(estimateUsd)}`);
    }
    const day = utcDay(this.now());
    const source = request.source ?? 'agent';
    const userCounted = userId !== undefined && this.limits.userDailyUsd !== undefined;
    const base = { id: requestId, day, userId, estimateUsd, source, userCounted };
    const estimate = toMicros(estimateUsd);
    try {
      const spent = await this.charge(this.serviceCounter(day), estimate, source, signal);
      const userSpent = userCounted ? await this.chargeUserOrRollBack(userId, day, estimate, source, signal) : undefined;
      return this.reserved(base, spent, userSpent);
    } catch (error) {
      if (error instanceof BudgetExceededError) throw error;
      return this.storeFailure(base, error);
    }
  }

  /**
   * Corrects a reservation to the actual cost (which may exceed the estimate: the call has
   * happened). Does nothing for an 'unavailable' reservation. Never throws. `signal` bounds the
   * store calls (the caller's deadline).
   */
  async settle(reservation: Reservation, actualUsd: number, signal?: AbortSignal): Promise<SettleResult> {
    if (reservation.state !== 'reserved') return { stored: false };
    if (typeof actualUsd !== 'number' || !Number.isFinite(actualUsd) || actualUsd < 0) {
      return { stored: false, storeError: `actualUsd must be a finite number of USD >= 0, got ${String(actualUsd)}` };
    }
    const delta = toMicros(actualUsd) - toMicros(reservation.estimateUsd);
    if (delta === 0) return { stored: true };
    const source = reservation.source ?? 'agent';
    const keys = [serviceKey(this.service, reservation.day)];
    if (reservation.userCounted && reservation.userId !== undefined) {
      keys.push(userKey(this.service, reservation.userId, reservation.day));
    }
    const results = await Promise.allSettled(keys.map((pk) => this.add(pk, reservation.day, delta, source, signal)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    return failure ? { stored: false, storeError: describeStoreError(failure.reason) } : { stored: true };
  }

  /** Gives a reservation back (the call did not happen): settle() with a cost of 0. Never throws. */
  async release(reservation: Reservation): Promise<SettleResult> {
    return this.settle(reservation, 0);
  }

  /**
   * Today's (UTC) spend in USD of the service, or of one user when userId is given.
   * @throws the store's error when the counter cannot be read.
   */
  async spentToday(userId?: string): Promise<number> {
    const day = utcDay(this.now());
    const pk = userId === undefined ? serviceKey(this.service, day) : userKey(this.service, userId, day);
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: itemKey(pk), ConsistentRead: true }));
    return toUsd(typeof Item?.spent === 'number' ? Item.spent : 0);
  }

  private serviceCounter(day: string): Counter {
    return {
      pk: serviceKey(this.service, day),
      day,
      limitMicros: toMicros(this.limits.dailyUsd),
      describeLimit: `service daily limit ${this.limits.dailyUsd} USD (service "${this.service}")`,
      scope: 'service',
    };
  }

  private userCounter(userId: string, day: string): Counter {
    const limitUsd = this.limits.userDailyUsd ?? 0;
    return {
      pk: userKey(this.service, userId, day),
      day,
      limitMicros: toMicros(limitUsd),
      describeLimit: `user ${userId} daily limit ${limitUsd} USD`,
      scope: 'user',
    };
  }

  private async chargeUserOrRollBack(userId: string, day: string, estimate: number, source: BudgetSource, signal?: AbortSignal): Promise<number> {
    try {
      return await this.charge(this.userCounter(userId, day), estimate, source, signal);
    } catch (error) {
      // A failed rollback leaves the service counter high by the estimate: the safe side.
      if (estimate > 0) await this.add(serviceKey(this.service, day), day, -estimate, source, signal).catch(() => undefined);
      throw error;
    }
  }

  /** Conditionally adds `estimate` micro-USD; returns the new total. */
  private async charge(counter: Counter, estimate: number, source: BudgetSource, signal?: AbortSignal): Promise<number> {
    // Both bounds in one integer: the new total stays within the limit, and a reached limit
    // (spent >= limit) refuses even an estimate of 0.
    const maxSpentBefore = Math.min(counter.limitMicros - estimate, counter.limitMicros - 1);
    if (maxSpentBefore < 0) throw this.refusal(counter, estimate);
    const addition = this.addition(counter.pk, counter.day, estimate, source);
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          ...addition,
          ConditionExpression: 'attribute_not_exists(#spent) OR #spent <= :maxSpentBefore',
          ExpressionAttributeValues: { ...addition.ExpressionAttributeValues, ':maxSpentBefore': maxSpentBefore },
          ReturnValues: 'UPDATED_NEW',
        }),
        { abortSignal: signal },
      );
      return Number(Attributes?.spent ?? estimate);
    } catch (error) {
      if (isConditionalCheckFailure(error)) throw this.refusal(counter, estimate);
      throw error;
    }
  }

  /** Adds `amount` micro-USD (possibly negative) without condition. */
  private async add(pk: string, day: string, amount: number, source: BudgetSource, signal?: AbortSignal): Promise<void> {
    await this.doc.send(new UpdateCommand(this.addition(pk, day, amount, source)), { abortSignal: signal });
  }

  private addition(pk: string, day: string, amount: number, source: BudgetSource) {
    return {
      TableName: this.tableName,
      Key: itemKey(pk),
      UpdateExpression: 'ADD #spent :amount, #bySource :amount SET #expiresAt = if_not_exists(#expiresAt, :expiresAt), #day = if_not_exists(#day, :day)',
      ExpressionAttributeNames: { '#spent': 'spent', '#bySource': `spent_${source}`, '#expiresAt': TTL_ATTRIBUTE, '#day': 'day' },
      ExpressionAttributeValues: { ':amount': amount, ':expiresAt': expiresAt(day), ':day': day } as Record<string, unknown>,
    };
  }

  private refusal(counter: Counter, estimate: number): BudgetExceededError {
    return new BudgetExceededError(
      `Budget exceeded: ${counter.describeLimit} is reached or would be passed by this request (estimate ${toUsd(estimate)} USD)`,
      counter.scope,
    );
  }

  private reserved(base: Omit<Reservation, 'state' | 'softLimitExceeded'>, spent: number, userSpent?: number): Reservation {
    const utilization = toUsd(spent) / this.limits.dailyUsd;
    const userUtilization = userSpent === undefined ? 0 : toUsd(userSpent) / (this.limits.userDailyUsd ?? Infinity);
    return {
      ...base,
      state: 'reserved',
      spentUsd: toUsd(spent),
      utilization,
      ...(userSpent !== undefined && { userSpentUsd: toUsd(userSpent) }),
      softLimitExceeded: Math.max(utilization, userUtilization) >= this.limits.softThreshold,
    };
  }

  private storeFailure(base: Omit<Reservation, 'state' | 'softLimitExceeded'>, error: unknown): Reservation {
    const storeError = describeStoreError(error);
    if (this.failMode === 'closed') throw new BudgetStoreUnavailableError(storeError);
    return { ...base, state: 'unavailable', softLimitExceeded: false, storeError };
  }
}
