/**
 * How the budget table stores a day's spend: keys, TTL and integer micro-USD amounts.
 * Amounts are integers so that thousands of ADDs of fractional costs do not drift.
 */

import { BUDGET_TABLE } from '../../../lib/catalog/tables';

const MICROS_PER_USD = 1_000_000;
const SECONDS_PER_DAY = 86_400;

/** Days a counter item outlives the day it counts, before DynamoDB TTL removes it. */
export const BUDGET_RETENTION_DAYS = 3;

/** USD to integer micro-USD. */
export function toMicros(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

/** Integer micro-USD to USD. */
export function toUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** The UTC day of an instant, as yyyy-mm-dd. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Name of the TTL attribute, from the table layout. */
export const TTL_ATTRIBUTE = BUDGET_TABLE.ttlAttribute;

/** The DynamoDB key of a counter item. */
export function itemKey(pk: string): Record<string, string> {
  return { [BUDGET_TABLE.partitionKey.name]: pk };
}

/** Partition key of the service's counter for a day. */
export function serviceKey(service: string, day: string): string {
  return `service#${service}#${day}`;
}

/** Partition key of one user's counter for a day. */
export function userKey(service: string, userId: string, day: string): string {
  return `user#${service}#${userId}#${day}`;
}

/** TTL (epoch seconds) of a counter item: BUDGET_RETENTION_DAYS after its day ends. */
export function expiresAt(day: string): number {
  const dayStartSeconds = Date.parse(`${day}T00:00:00Z`) / 1000;
  return dayStartSeconds + (1 + BUDGET_RETENTION_DAYS) * SECONDS_PER_DAY;
}

/** A counter item of the budget table (BUDGET_TABLE); amounts in integer micro-USD. */
export interface BudgetItem {
  readonly pk: string;
  /** Total spend of the day (agent and judge). */
  readonly spent: number;
  /** The part of `spent` charged by the agent. */
  readonly spent_agent?: number;
  /** The part of `spent` charged by the judge. */
  readonly spent_judge?: number;
  /** UTC yyyy-mm-dd. */
  readonly day: string;
  /** TTL, epoch seconds. */
  readonly expiresAt: number;
}
