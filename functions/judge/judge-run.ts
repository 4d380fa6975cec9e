import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import type { Backlog } from './backlog';
import type { DriftCheck, DriftMonitor } from './drift-monitor';
import { JudgeBudget } from './judge-budget';
import type { JudgeMetricsPublisher } from './metrics-publisher';
import { ProviderFailureStreaks, type ProviderOutage } from './provider-outage';
import { RunSpendCap, RunStop } from './run-controls';
import { SampleScorer, type HeldFailure, type SampleOutcome, type SampleScorerDeps } from './score-sample';

/** Everything a judge run uses; tests and the bench pass their own. */
export interface JudgeRunDeps extends SampleScorerDeps {
  readonly concurrency: number;
  readonly maxSamplesPerRun: number;
  readonly maxSpendUsdPerRun: number;
  readonly drift: Pick<DriftMonitor, 'check'>;
  readonly metrics: Pick<JudgeMetricsPublisher, 'publish'>;
  readonly backlog: () => Promise<Backlog>;
}

/** Samples in flight per provider slot: one being judged, one being claimed or stored. */
const SAMPLES_IN_FLIGHT_PER_SLOT = 2;

/** What a run did: the handler's reply and the log line an operator reads. */
export interface JudgeRunSummary {
  readonly judgeVersion: string;
  readonly candidates: number;
  readonly scored: number;
  /** Failed attempts (each counts in agent.judge.failures). */
  readonly failures: number;
  /** Samples marked failed for good in this run. */
  readonly markedFailed: number;
  /** Samples another run held. */
  readonly lost: number;
  /** Samples left pending because the run stopped. */
  readonly skipped: number;
  readonly costUsd: number;
  readonly stoppedBecause?: string;
  /** Present when the run stopped on consecutive provider-side failures: the samples they touched kept their attempts. */
  readonly providerOutage?: ProviderOutage & {
    /** JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES. */
    readonly threshold: number;
    /** Samples given back pending without an attempt charged. */
    readonly released: number;
  };
  /** Absent when the backlog could not be measured (the error is in `errors`). */
  readonly backlog?: Backlog;
  readonly drift?: Pick<DriftCheck, 'state' | 'notified'> & { readonly verdict: DriftCheck['evaluation']['verdict'] };
  readonly metrics?: { readonly calls: number; readonly data: number };
  /** Steps after scoring that failed (backlog, drift check, metrics); the handler then fails the invocation. */
  readonly errors: readonly string[];
}

/**
 * One scheduled judge run: claims pending samples (oldest first, at most `maxSamplesPerRun`),
 * scores them `concurrency` at a time within the spend cap and the daily budget, then checks
 * drift and publishes the run's metrics.
 *
 * @param deadline - epoch ms after which no new sample is started (the Lambda timeout is near)
 */
export async function runJudge(deps: JudgeRunDeps, deadline?: number): Promise<JudgeRunSummary> {
  const candidates = await deps.claims.candidates(deps.maxSamplesPerRun);
  const stop = new RunStop();
  const threshold = deps.maxConsecutiveProviderFailures;
  const streaks = new ProviderFailureStreaks(threshold, (outage) => stop.abort(outageReason(outage, threshold)));
  const budget = new JudgeBudget(deps.budget, `judge-run#${randomUUID()}`, deps.concurrency);
  const providerSlot = pLimit(deps.concurrency);
  const scorer = new SampleScorer(deps, { stop, cap: new RunSpendCap(deps.maxSpendUsdPerRun), budget, streaks, providerSlot, deadline });
  const sampleSlot = pLimit(deps.concurrency * SAMPLES_IN_FLIGHT_PER_SLOT);
  const handled = await Promise.all(candidates.map((item) => sampleSlot(() => safely(item.sampleId, () => scorer.score(item), deps.logger)))).finally(() => budget.close());
  // Every judge call is over: each streak of provider-side failures is known to be an outage or not.
  const outcomes = await Promise.all(handled.map((outcome) => (outcome.kind === 'held' ? safely(outcome.sampleId, () => outcome.settle(), deps.logger) : outcome)));
  if (stop.reason) deps.logger.warn(`judge run stopped early: ${stop.reason}`, { left: outcomes.filter((o) => o.kind === 'skipped').length });
  const providerOutage = streaks.outage && { ...streaks.outage, threshold, released: outcomes.filter((o) => o.kind === 'failed' && o.uncharged).length };
  if (providerOutage) deps.logger.error('judge provider outage: run stopped, the samples stay pending with their attempts', { ...providerOutage });

  // Every step after scoring is attempted on its own: the scores are stored already, and a
  // failed step must not keep the others (above all PutMetricData of the scores) from running.
  const errors: string[] = [];
  const backlog = await attempt('backlog measurement', () => deps.backlog(), errors, deps.logger);
  const drift = await attempt('drift check', () => deps.drift.check(), errors, deps.logger);
  const counts = tally(outcomes);
  const metrics = await attempt(
    'PutMetricData',
    () =>
      deps.metrics.publish({
        at: deps.now(),
        scores: counts.scores,
        evaluations: counts.scores.length,
        failures: counts.failures,
        ...(backlog && { backlog: backlog.pending, oldestPendingAgeSeconds: backlog.oldestPendingAgeSeconds }),
        costUsd: counts.costUsd,
        ...(drift && { drift: drift.drifting ? 1 : 0 }),
      }),
    errors,
    deps.logger,
  );
  return {
    judgeVersion: deps.version.id,
    candidates: candidates.length,
    scored: counts.scores.length,
    failures: counts.failures,
    markedFailed: counts.markedFailed,
    lost: counts.lost,
    skipped: counts.skipped,
    costUsd: counts.costUsd,
    ...(stop.reason && { stoppedBecause: stop.reason }),
    ...(providerOutage && { providerOutage }),
    ...(backlog && { backlog }),
    ...(drift && { drift: { state: drift.state, verdict: drift.evaluation.verdict, ...(drift.notified && { notified: drift.notified }) } }),
    ...(metrics && { metrics: { calls: metrics.calls, data: metrics.data } }),
    errors,
  };
}

function outageReason(outage: ProviderOutage, threshold: number): string {
  return (
    `the judge provider failed ${outage.consecutiveFailures} calls in a row (JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES is ${threshold}; last: ${outage.lastError}); ` +
    'the samples stay pending with their attempts for a later run'
  );
}

/** A sample whose handling hit an unexpected error (the store failed) counts as a failed attempt; its claim expires and is retried. */
async function safely<T extends SampleOutcome | HeldFailure>(sampleId: string, handle: () => Promise<T>, logger: MonitoringLogger): Promise<T | SampleOutcome> {
  try {
    return await handle();
  } catch (error) {
    const reason = `unexpected error: ${String(error)}`;
    logger.error('judging a sample failed unexpectedly; its claim expires and a later run retries it', { sampleId, reason });
    return { kind: 'failed', sampleId, reason, final: false, costUsd: 0 };
  }
}

async function attempt<T>(step: string, run: () => Promise<T>, errors: string[], logger: MonitoringLogger): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    errors.push(`${step} failed: ${String(error)}`);
    logger.error(`judge ${step} failed`, { error: String(error) });
    return undefined;
  }
}

function tally(outcomes: readonly SampleOutcome[]) {
  const scores: { value: number; createdAt: number }[] = [];
  let failures = 0;
  let markedFailed = 0;
  let lost = 0;
  let skipped = 0;
  let costUsd = 0;
  for (const outcome of outcomes) {
    if (outcome.kind === 'scored') scores.push({ value: outcome.overall, createdAt: outcome.createdAt });
    if (outcome.kind === 'failed') {
      failures++;
      if (outcome.final) markedFailed++;
    }
    if (outcome.kind === 'lost') lost++;
    if (outcome.kind === 'skipped') skipped++;
    if (outcome.kind !== 'skipped') costUsd += outcome.costUsd ?? 0;
  }
  return { scores, failures, markedFailed, lost, skipped, costUsd };
}
