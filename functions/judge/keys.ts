/**
 * How the judge lays its records out in the samples table (SAMPLES_TABLE), without changing
 * the table's layout: sample statuses, and key prefixes for its own items.
 *
 * - A sample item moves `pending` → `claimed` → scored | `failed` (or back to `pending`
 *   after a failed attempt). The `by-status` index (status + createdAt) finds each status.
 * - A score is stored on its sample item (`score`, and the whole score in the `judgement`
 *   map), by the same conditional update that ends the claim, and the scored status names the
 *   judge version: `scored#<service>#<judgeVersion>`. The index then holds one partition of
 *   scores per judge version, ordered by the time of the original response, so the drift
 *   window, the automatic baseline and `agent-monitor baseline set` are Queries, never Scans;
 *   and a sample has at most one score.
 * - The baseline of a judge version is the item `judge-baseline#<service>#<judgeVersion>`,
 *   the drift state of a service the item `judge-drift#<service>`. Neither has a `status`,
 *   so neither appears in the index.
 */
import { SAMPLES_TABLE, SAMPLE_STATUS_INDEX } from '../../lib/catalog/tables';
import { PENDING_STATUS } from '../shared/capture/sample-store';

const STATUS_INDEX = SAMPLES_TABLE.indexes.find((index) => index.indexName === SAMPLE_STATUS_INDEX)!;

/** Attribute names from the table layout. */
export const ATTR = {
  key: SAMPLES_TABLE.partitionKey.name,
  status: STATUS_INDEX.partitionKey.name,
  createdAt: STATUS_INDEX.sortKey!.name,
  ttl: SAMPLES_TABLE.ttlAttribute,
} as const;

export { SAMPLE_STATUS_INDEX };

/** Statuses of a sample item; a scored sample's status is {@link scoredStatus}. */
export const SAMPLE_STATUS = {
  pending: PENDING_STATUS,
  claimed: 'claimed',
  failed: 'failed',
} as const;

/** The status of a sample scored by one judge version: its partition of the `by-status` index. */
export function scoredStatus(service: string, judgeVersion: string): string {
  return `scored#${service}#${judgeVersion}`;
}

/** Key of the baseline item of one judge version. */
export function baselineKey(service: string, judgeVersion: string): string {
  return `judge-baseline#${service}#${judgeVersion}`;
}

/** Key of the drift state item of a service. */
export function driftStateKey(service: string): string {
  return `judge-drift#${service}`;
}

/** The table key of an item. */
export function itemKey(key: string): Record<string, string> {
  return { [ATTR.key]: key };
}
