/** One backtest from start to end: the window, the fetch, the replay of each catalog. */
import type { AlarmDefinition } from '../../lib/catalog/alarms';
import { MINUTE_MS } from '../metrics/constants';
import { fetchPlan } from './fetch-plan';
import { readMetricHistory, type GetMetricDataClient } from './metric-reader';
import { replayAlarms, type BacktestResult } from './replay';

const DAY_MS = 86_400_000;

/** CloudWatch keeps one-minute datapoints 15 days; the day before the window warms the 1-day windows up. */
export const MAX_BACKTEST_DAYS = 14;

/**
 * How far inside the 15 days the fetch starts: a StartTime older than 15 days (when CloudWatch
 * receives the call) is rounded down to 5 minutes, which would merge the minute offsets of
 * the percentile queries.
 */
export const ONE_MINUTE_DATA_MARGIN_MS = 15 * MINUTE_MS;
const ONE_MINUTE_DATA_MS = 15 * DAY_MS;

/** What to backtest. */
export interface BacktestRequest {
  readonly client: GetMetricDataClient;
  /** Epoch ms: the window ends at the last whole minute before it. */
  readonly now: number;
  /** Days reported, at most MAX_BACKTEST_DAYS. */
  readonly days: number;
  /** The catalogs to replay over the same history, e.g. `[current]` or `[current, proposed]`. */
  readonly catalogs: readonly (readonly AlarmDefinition[])[];
  /** Called as the fetch and then each replay advance. */
  readonly onProgress?: (phase: 'fetch' | 'replay', done: number, total: number) => void;
}

/** What a backtest found: one result per catalog, and when the history's first datapoint is (undefined: none). */
export interface BacktestOutcome {
  readonly results: readonly BacktestResult[];
  readonly firstDataTime?: number;
  readonly calls: number;
}

/**
 * The reported window [from, to] and the range fetched: up to the longest alarm window
 * (period × evaluation periods: 1 day for the catalog's 1-day windows) before `from`, so that
 * long windows start full, as far as the 15 days of one-minute data allow (less a margin of
 * ONE_MINUTE_DATA_MARGIN_MS).
 */
export function backtestWindow(now: number, days: number, catalogs: readonly (readonly AlarmDefinition[])[]): { start: number; from: number; to: number } {
  if (!(days > 0 && days <= MAX_BACKTEST_DAYS)) throw new Error(`--days must be more than 0 and at most ${MAX_BACKTEST_DAYS} (CloudWatch keeps one-minute datapoints 15 days, the last one warms the long windows up), got ${days}`);
  const to = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const from = to - Math.round((days * DAY_MS) / MINUTE_MS) * MINUTE_MS;
  let longest = 0;
  for (const definitions of catalogs) for (const d of definitions) if (d.kind === 'metric') longest = Math.max(longest, d.periodSeconds * 1000 * d.evaluationPeriods);
  const warmUp = Math.max(0, Math.min(longest, from - (to - ONE_MINUTE_DATA_MS + ONE_MINUTE_DATA_MARGIN_MS)));
  return { start: from - warmUp, from, to };
}

/**
 * Fetches once what every catalog reads, then replays each catalog over that history from its
 * first datapoint (before it the service had no metrics: the alarms start there, as newly
 * created ones would), reporting [from, to].
 *
 * @example
 * const { results: [current, proposed] } = await runBacktest({ client: cloudWatchClient(), now: Date.now(), days: 14, catalogs: [current, proposed] });
 */
export async function runBacktest(request: BacktestRequest): Promise<BacktestOutcome> {
  const { start, from, to } = backtestWindow(request.now, request.days, request.catalogs);
  const plan = fetchPlan(request.catalogs.flat(), { start, end: to });
  request.onProgress?.('fetch', 0, plan.batches.length);
  let calls = 0;
  const counting: GetMetricDataClient = { send: (command) => (calls++, request.client.send(command)) };
  const history = await readMetricHistory(counting, plan, (done, total) => request.onProgress?.('fetch', done, total));
  const firstDataTime = history.firstDataTime;
  const replayStart = firstDataTime === undefined ? to : Math.max(start, firstDataTime);
  const results = request.catalogs.map((definitions) => replayAlarms(definitions, history, { replayStart, from, to }, (done, total) => request.onProgress?.('replay', done, total)));
  return { results, calls, ...(firstDataTime !== undefined ? { firstDataTime } : {}) };
}
