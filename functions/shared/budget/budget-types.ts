import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BudgetLimits } from './budget-limits';

/** Who spends: the agent answering users, or the judge scoring samples. */
export type BudgetSource = 'agent' | 'judge';

export interface BudgetCounterOptions {
  readonly doc: DynamoDBDocumentClient;
  /** Table with the BUDGET_TABLE layout (lib/catalog/tables.ts). */
  readonly tableName: string;
  readonly limits: BudgetLimits;
  /** @default Date.now */
  readonly now?: () => number;
  /**
   * What reserve() does when the store fails (anything but a refused condition):
   * 'open' serves the request (state 'unavailable'), 'closed' refuses it.
   * @default 'open'
   */
  readonly failMode?: 'open' | 'closed';
  /** Name in the counter keys; agent and judge share a budget by sharing it. @default 'agent' */
  readonly service?: string;
}

export interface ReserveRequest {
  readonly requestId: string;
  readonly userId?: string;
  /** Expected cost of the call in USD (>= 0); settle() corrects it to the actual cost. */
  readonly estimateUsd: number;
  /** @default 'agent' */
  readonly source?: BudgetSource;
  /** Bounds the store calls (the caller's deadline): an aborted call is a store failure. */
  readonly signal?: AbortSignal;
}

/** An amount held against today's budget until settle() or release(). */
export interface Reservation {
  /** The request id. */
  readonly id: string;
  /** UTC day (yyyy-mm-dd) charged; settle() charges the same day even after midnight. */
  readonly day: string;
  readonly userId?: string;
  readonly estimateUsd: number;
  /** 'unavailable': the store failed and the counter fails open; nothing was reserved. */
  readonly state: 'reserved' | 'unavailable';
  /** Service spend for the day after reserving. */
  readonly spentUsd?: number;
  /** spentUsd / dailyUsd. */
  readonly utilization?: number;
  /** The user's spend for the day after reserving, when a per-user limit applies. */
  readonly userSpentUsd?: number;
  /** Service or user spend reached softThreshold of its limit. */
  readonly softLimitExceeded: boolean;
  /** `Name: message` of the store failure when state is 'unavailable'. */
  readonly storeError?: string;
  /** @default 'agent' */
  readonly source?: BudgetSource;
  /** The user's counter was charged too (a userId and a per-user limit). */
  readonly userCounted?: boolean;
}

/** Outcome of settle(); it never throws. */
export interface SettleResult {
  /** false when nothing was written: an 'unavailable' reservation, or a store failure. */
  readonly stored: boolean;
  readonly storeError?: string;
}
