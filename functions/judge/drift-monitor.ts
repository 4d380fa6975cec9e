import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import { baselineFrom, type Baseline, type BaselineStore } from './baseline-store';
import type { DriftSettings } from './config';
import { evaluateDrift, lowestSampleIds, type DriftEvaluation } from './drift-detector';
import { driftOutbox } from './drift-message';
import type { DriftStateName, DriftStateRecord, DriftStateStore, Outbox } from './drift-state';
import type { JudgeVersion } from './rubric';
import type { ScoreStore } from './score-store';

const HOUR_MS = 3_600_000;

/** How long the run that wrote a drift message owns its delivery before another run may retry it. */
export const OUTBOX_LEASE_MS = 60_000;

/** Sends one drift message (SNS Publish in the Lambda). */
export type DriftPublisher = (outbox: Outbox) => Promise<void>;

/** Options of {@link DriftMonitor}. */
export interface DriftMonitorOptions {
  readonly scores: ScoreStore;
  readonly baselines: BaselineStore;
  readonly states: DriftStateStore;
  /** @default none: drift is stored and published as a metric, never sent */
  readonly publish?: DriftPublisher;
  readonly version: JudgeVersion;
  readonly settings: DriftSettings;
  readonly service: string;
  /** Where the runbooks are published (RUNBOOK_BASE_URL); the messages link the quality-drift runbook under it. */
  readonly runbookBaseUrl: string;
  readonly now: () => number;
  readonly logger: MonitoringLogger;
}

/** What one drift check found and did. */
export interface DriftCheck {
  readonly evaluation: DriftEvaluation;
  /** The drift state after the check. */
  readonly state: DriftStateName;
  readonly drifting: boolean;
  /** The episode change this run announced, if any. */
  readonly notified?: 'drifting' | 'recovered';
  readonly baseline?: Pick<Baseline, 'source' | 'size' | 'mean' | 'judgeVersion'>;
}

/**
 * Runs drift detection for the current judge version: reads the recent window and the
 * version's baseline (taking the first scores automatically when none is set), evaluates,
 * and moves the drift state on, sending one SNS message per episode start and end. An
 * episode opened under another judge version is closed (see closeEpisodeOfOtherVersion).
 */
export class DriftMonitor {
  constructor(private readonly options: DriftMonitorOptions) {}

  async check(): Promise<DriftCheck> {
    const { scores, settings, version, states } = this.options;
    const now = this.options.now();
    const window = await scores.latest(version, { limit: settings.windowSize, since: now - settings.windowHours * HOUR_MS });
    const baseline = await this.baseline(now);
    const evaluation = evaluateDrift(
      window.map((score) => score.overall),
      baseline?.scores,
      settings,
    );
    const current = await states.get();
    await this.retryUndelivered(current, now);
    const summary = baseline && { source: baseline.source, size: baseline.size, mean: baseline.mean, judgeVersion: baseline.judgeVersion };
    if (current?.state === 'drifting' && current.judgeVersion !== version.id) return this.closeEpisodeOfOtherVersion(current, evaluation, summary, now);
    const next = nextState(current?.state ?? 'ok', evaluation.verdict);
    if (next === undefined) return { evaluation, state: current?.state ?? 'ok', drifting: current?.state === 'drifting', baseline: summary };
    const outbox = this.options.publish
      ? driftOutbox({
          state: next,
          service: this.options.service,
          evaluation,
          lowestSampleIds: lowestSampleIds(window),
          judgeVersion: version.id,
          windowHours: settings.windowHours,
          at: now,
          runbookBaseUrl: this.options.runbookBaseUrl,
        })
      : undefined;
    if (!(await states.transition(current, { state: next, judgeVersion: version.id, changedAt: now }, outbox, now + OUTBOX_LEASE_MS))) return this.lostRace(evaluation, summary);
    this.options.logger.warn(`quality drift state changed to ${next}`, { reasons: evaluation.reasons, judgeVersion: version.id });
    if (outbox) await this.deliver(outbox, (current?.revision ?? 0) + 1);
    return { evaluation, state: next, drifting: next === 'drifting', notified: next, baseline: summary };
  }

  /**
   * An episode of another judge version is still open: the current version's scores are not
   * comparable with it, so it can neither go on nor recover. It is closed now, with one
   * 'recovered' message saying the judge version changed, and the state starts over as 'ok' for
   * the current version (its own drift is judged from the next check on).
   */
  private async closeEpisodeOfOtherVersion(current: DriftStateRecord, evaluation: DriftEvaluation, summary: DriftCheck['baseline'], now: number): Promise<DriftCheck> {
    const { version, settings, states } = this.options;
    const outbox = this.options.publish
      ? driftOutbox({
          state: 'recovered',
          service: this.options.service,
          evaluation,
          lowestSampleIds: [],
          judgeVersion: version.id,
          previousJudgeVersion: current.judgeVersion,
          windowHours: settings.windowHours,
          at: now,
          runbookBaseUrl: this.options.runbookBaseUrl,
        })
      : undefined;
    if (!(await states.transition(current, { state: 'ok', judgeVersion: version.id, changedAt: now }, outbox, now + OUTBOX_LEASE_MS))) return this.lostRace(evaluation, summary);
    this.options.logger.warn('quality drift episode closed: the judge version changed', { previousJudgeVersion: current.judgeVersion, judgeVersion: version.id });
    if (outbox) await this.deliver(outbox, current.revision + 1);
    return { evaluation, state: 'ok', drifting: false, notified: 'recovered', baseline: summary };
  }

  /** Another run changed the state first (and announces the change): report the state it left. */
  private async lostRace(evaluation: DriftEvaluation, summary: DriftCheck['baseline']): Promise<DriftCheck> {
    const latest = await this.options.states.get();
    return { evaluation, state: latest?.state ?? 'ok', drifting: latest?.state === 'drifting', baseline: summary };
  }

  /** The version's baseline; the first `baselineSize` scores become it when none is set. */
  private async baseline(now: number): Promise<Baseline | undefined> {
    const { baselines, scores, version, settings } = this.options;
    const existing = await baselines.get(version);
    if (existing) return existing;
    const first = await scores.earliest(version, settings.baselineSize);
    if (first.length < settings.baselineSize) return undefined;
    const baseline = await baselines.putIfAbsent(version, baselineFrom(version, first, 'auto', now));
    this.options.logger.info('baseline set automatically from the first scores of the judge version', { judgeVersion: version.id, size: baseline.size, mean: baseline.mean });
    return baseline;
  }

  /** Sends a message a crashed or failed run left in the outbox, once its lease ran out. */
  private async retryUndelivered(record: DriftStateRecord | undefined, now: number): Promise<void> {
    if (!record?.outbox || (record.outboxLeaseUntil ?? 0) > now) return;
    if (await this.options.states.takeOverOutbox(record, now + OUTBOX_LEASE_MS)) await this.deliver(record.outbox, record.revision);
  }

  private async deliver(outbox: Outbox, revision: number): Promise<void> {
    if (!this.options.publish) return;
    try {
      await this.options.publish(outbox);
      await this.options.states.clearOutbox(revision);
    } catch (error) {
      this.options.logger.error('drift message not sent; a later run retries it', { subject: outbox.subject, error: String(error) });
    }
  }
}

/** The state a verdict moves `current` to, or undefined when it stays. */
export function nextState(current: DriftStateName, verdict: DriftEvaluation['verdict']): 'drifting' | 'recovered' | undefined {
  if (verdict === 'drifting' && current !== 'drifting') return 'drifting';
  if (verdict === 'ok' && current === 'drifting') return 'recovered';
  return undefined;
}
