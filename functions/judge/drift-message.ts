import { runbookUrl } from '../../lib/catalog/alarms/naming';
import type { DriftEvaluation } from './drift-detector';
import type { Outbox } from './drift-state';

/** The SNS message of a drift episode's start ('drifting') or end ('recovered'); the alert router reads it. */
export interface DriftMessage {
  readonly type: 'quality_drift';
  readonly state: 'drifting' | 'recovered';
  readonly severity: 'warning';
  readonly title: string;
  readonly text: string;
  readonly service: string;
  readonly windowMean: number | null;
  readonly baselineMean: number | null;
  readonly relativeDrift: number | null;
  readonly pValue: number | null;
  readonly windowSize: number;
  readonly baselineSize: number;
  /** The three lowest-scored samples of the window, lowest first. */
  readonly lowestSampleIds: readonly string[];
  readonly judgeVersion: string;
  /**
   * Why a 'recovered' message was sent other than the window recovering: 'judge_version_changed'
   * when the episode was closed because the judge version changed (absent otherwise).
   */
  readonly reason?: 'judge_version_changed';
  /** With `reason` 'judge_version_changed': the version the closed episode was measured with. */
  readonly previousJudgeVersion?: string;
  /** The quality-drift runbook, under the configured runbook base (RUNBOOK_BASE_URL). */
  readonly runbook: string;
  /** ISO 8601. */
  readonly time: string;
}

/** What {@link driftOutbox} builds a message from. */
export interface DriftMessageInput {
  readonly state: DriftMessage['state'];
  readonly service: string;
  readonly evaluation: DriftEvaluation;
  readonly lowestSampleIds: readonly string[];
  readonly judgeVersion: string;
  /** Set when a 'recovered' message closes an episode of this earlier judge version. */
  readonly previousJudgeVersion?: string;
  readonly windowHours: number;
  readonly at: number;
  /** Where the runbooks are published (RUNBOOK_BASE_URL): a URL, or the repository path by default. */
  readonly runbookBaseUrl: string;
}

/** Builds the SNS subject and JSON message of a drift state change. */
export function driftOutbox(input: DriftMessageInput): Outbox & { readonly body: DriftMessage } {
  const { evaluation, service, state } = input;
  const title = state === 'drifting' ? `Quality drift: ${service}` : `Quality recovered: ${service}`;
  const body: DriftMessage = {
    type: 'quality_drift',
    state,
    severity: 'warning',
    title,
    text: describe(input),
    service,
    windowMean: evaluation.windowMean ?? null,
    baselineMean: evaluation.baselineMean ?? null,
    relativeDrift: evaluation.relativeDrift ?? null,
    pValue: evaluation.pValue ?? null,
    windowSize: evaluation.windowSize,
    baselineSize: evaluation.baselineSize,
    lowestSampleIds: [...input.lowestSampleIds],
    judgeVersion: input.judgeVersion,
    ...(input.previousJudgeVersion !== undefined && { reason: 'judge_version_changed' as const, previousJudgeVersion: input.previousJudgeVersion }),
    runbook: runbookUrl(input.runbookBaseUrl, 'quality-drift'),
    time: new Date(input.at).toISOString(),
  };
  return { subject: title.slice(0, 100), message: JSON.stringify(body), body };
}

function describe(input: DriftMessageInput): string {
  if (input.previousJudgeVersion !== undefined) return describeVersionChange(input, input.previousJudgeVersion);
  const { evaluation } = input;
  const window = `Mean judge score ${fixed(evaluation.windowMean)} over the last ${evaluation.windowSize} scored responses (${input.windowHours} h)`;
  const baseline =
    evaluation.baselineMean === undefined
      ? 'no baseline for this judge version yet'
      : `baseline ${fixed(evaluation.baselineMean)} over ${evaluation.baselineSize} scores (relative drop ${percent(evaluation.relativeDrift)}, Mann–Whitney U p = ${evaluation.pValue?.toPrecision(3)})`;
  const lead = input.state === 'drifting' ? `Answer quality drifted: ${evaluation.reasons.join('; ')}.` : 'Answer quality recovered.';
  const lowest = input.lowestSampleIds.length > 0 ? ` Lowest-scored samples: ${input.lowestSampleIds.join(', ')}.` : '';
  return `${lead} ${window}; ${baseline}.${lowest} Judge ${input.judgeVersion}. Runbook: ${runbookUrl(input.runbookBaseUrl, 'quality-drift')}`;
}

/** The episode of the previous version ended with it: nothing is said about its quality. */
function describeVersionChange(input: DriftMessageInput, previous: string): string {
  const { evaluation } = input;
  const now =
    evaluation.windowSize === 0
      ? `Judge ${input.judgeVersion} has no recent scores yet`
      : `Judge ${input.judgeVersion} has ${evaluation.windowSize} recent scores (mean ${fixed(evaluation.windowMean)})`;
  return (
    `Drift episode closed because the judge version changed from ${previous} to ${input.judgeVersion}; this is not a quality recovery. ` +
    `Scores of different judge versions are not compared: drift is measured again against the baseline of ${input.judgeVersion}. ` +
    `${now}. Runbook: ${runbookUrl(input.runbookBaseUrl, 'quality-drift')}`
  );
}

function fixed(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(3);
}

function percent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(value * 100).toFixed(1)} %`;
}
