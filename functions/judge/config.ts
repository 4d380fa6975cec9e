import { runbookBase } from '../../lib/catalog/alarms/naming';
import { DEFAULT_RUNBOOK_BASE_URL } from '../../lib/catalog/alarms/settings';
import { linkBaseProblem } from '../../lib/config/validators';
import { ConfigError, EnvReader, readCommonConfig, type CommonConfig, type Env } from '../shared/config';
import { readProviderModel, type ModelProvider } from '../shared/llm/provider-settings';

/** When drift is reported; see DESIGN.md and the drift detector. */
export interface DriftSettings {
  /** Most recent scores in the window. DRIFT_WINDOW_SIZE, @default 100 */
  readonly windowSize: number;
  /** Only scores of responses from the last hours. DRIFT_WINDOW_HOURS, @default 24 */
  readonly windowHours: number;
  /** Scores taken automatically as the baseline of a new judge version. DRIFT_BASELINE_SIZE, @default 50 */
  readonly baselineSize: number;
  /** A window mean under this is drift. DRIFT_ABSOLUTE_THRESHOLD, @default 0.8 */
  readonly absoluteThreshold: number;
  /** Significance level of the one-sided Mann–Whitney U test. DRIFT_P_VALUE, @default 0.01 */
  readonly pValue: number;
  /** Scores needed on each side (window, baseline) to judge drift. DRIFT_MIN_SAMPLES, @default 30 */
  readonly minSamples: number;
  /** Smallest relative drop of the mean that counts as drift. DRIFT_MIN_RELATIVE_DROP, @default 0.05 */
  readonly minRelativeDrop: number;
}

/**
 * The judge function's settings. The schedule (JUDGE_SCHEDULE) is a deploy-time setting of
 * the JudgeFunction construct, not read here.
 */
export interface JudgeConfig extends CommonConfig {
  readonly samplesTableName: string;
  readonly budgetTableName: string;
  readonly dailyBudgetUsd: number;
  /** JUDGE_PROVIDER: `openai` (the default) or `bedrock`. */
  readonly provider: ModelProvider;
  /** JUDGE_MODEL, @default 'gpt-4o-mini' (openai) or 'amazon.nova-lite-v1:0' (bedrock) */
  readonly model: string;
  /** JUDGE_CONCURRENCY, @default 8 */
  readonly concurrency: number;
  /** JUDGE_MAX_SAMPLES_PER_RUN, @default 500 */
  readonly maxSamplesPerRun: number;
  /** JUDGE_MAX_SPEND_USD_PER_RUN, @default 1 */
  readonly maxSpendUsdPerRun: number;
  /** Failed attempts after which a sample is marked failed. JUDGE_MAX_ATTEMPTS, @default 3 */
  readonly maxAttempts: number;
  /**
   * Consecutive provider-side failures (throttled, timed out, unreachable, 5xx, credentials
   * refused) after which a run stops as an outage; the samples they touched keep their attempts.
   * JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES, @default 3
   */
  readonly maxConsecutiveProviderFailures: number;
  /** How long a claim holds before another run may take the sample. JUDGE_CLAIM_LEASE_SECONDS, @default 600 */
  readonly claimLeaseSeconds: number;
  /** JUDGE_MAX_COMPLETION_TOKENS, @default 400 */
  readonly maxCompletionTokens: number;
  readonly drift: DriftSettings;
  /** DRIFT_TOPIC_ARN: where drift episodes are announced. @default none (drift is stored and published as a metric only) */
  readonly driftTopicArn?: string;
  /**
   * Where the runbooks are published (the stack's `runbookBaseUrl`), without a trailing slash:
   * the drift and recovery messages link `<runbookBaseUrl>/quality-drift.md`.
   * RUNBOOK_BASE_URL, @default 'docs/runbooks/alarms' (the repository path)
   */
  readonly runbookBaseUrl: string;
}

/** Reads the drift settings (shared by the judge and the `agent-monitor` CLI). */
export function readDriftSettings(read: EnvReader): DriftSettings {
  const fraction = { min: 0, max: 1 };
  return {
    windowSize: read.number('DRIFT_WINDOW_SIZE', 100, { min: 1, max: 10_000, integer: true }),
    windowHours: read.number('DRIFT_WINDOW_HOURS', 24, { min: 0, max: 24 * 14, exclusiveMin: true }),
    baselineSize: read.number('DRIFT_BASELINE_SIZE', 50, { min: 1, max: 10_000, integer: true }),
    absoluteThreshold: read.number('DRIFT_ABSOLUTE_THRESHOLD', 0.8, fraction),
    pValue: read.number('DRIFT_P_VALUE', 0.01, { min: 0, max: 0.5, exclusiveMin: true }),
    minSamples: read.number('DRIFT_MIN_SAMPLES', 30, { min: 2, max: 10_000, integer: true }),
    minRelativeDrop: read.number('DRIFT_MIN_RELATIVE_DROP', 0.05, fraction),
  };
}

/**
 * Reads and validates the judge's configuration.
 * @throws ConfigError naming every bad or missing setting at once.
 */
export function loadJudgeConfig(env: Env = process.env): JudgeConfig {
  const read = new EnvReader(env);
  const common = readCommonConfig(read);
  const config: JudgeConfig = {
    ...common,
    samplesTableName: read.require('SAMPLES_TABLE_NAME'),
    budgetTableName: read.require('BUDGET_TABLE_NAME'),
    dailyBudgetUsd: common.dailyBudgetUsd ?? requireBudget(read),
    ...readProviderModel(read, { provider: 'JUDGE_PROVIDER', model: 'JUDGE_MODEL' }),
    concurrency: read.number('JUDGE_CONCURRENCY', 8, { min: 1, max: 64, integer: true }),
    maxSamplesPerRun: read.number('JUDGE_MAX_SAMPLES_PER_RUN', 500, { min: 1, max: 100_000, integer: true }),
    maxSpendUsdPerRun: read.number('JUDGE_MAX_SPEND_USD_PER_RUN', 1, { min: 0, max: 1e6 }),
    maxAttempts: read.number('JUDGE_MAX_ATTEMPTS', 3, { min: 1, max: 20, integer: true }),
    maxConsecutiveProviderFailures: read.number('JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES', 3, { min: 1, max: 1_000, integer: true }),
    claimLeaseSeconds: read.number('JUDGE_CLAIM_LEASE_SECONDS', 600, { min: 1, max: 86_400, integer: true }),
    maxCompletionTokens: read.number('JUDGE_MAX_COMPLETION_TOKENS', 400, { min: 50, max: 16_000, integer: true }),
    drift: readDriftSettings(read),
    driftTopicArn: read.optionalString('DRIFT_TOPIC_ARN'),
    runbookBaseUrl: readRunbookBaseUrl(read),
  };
  if (config.provider === 'openai' && !config.openaiApiKey && !config.openaiApiKeySecretId) {
    read.problems.push('set OPENAI_API_KEY (local runs) or OPENAI_API_KEY_SECRET_ID (the Secrets Manager secret holding the key)');
  }
  read.done();
  return config;
}

function readRunbookBaseUrl(read: EnvReader): string {
  const value = read.string('RUNBOOK_BASE_URL', DEFAULT_RUNBOOK_BASE_URL);
  const problem = linkBaseProblem(value);
  if (problem) read.problems.push(`RUNBOOK_BASE_URL: ${problem}`);
  return problem ? DEFAULT_RUNBOOK_BASE_URL : runbookBase(value);
}

function requireBudget(read: EnvReader): number {
  read.problems.push('DAILY_BUDGET_USD is required: judge spend is charged to the same daily budget as the agent');
  return 0;
}

export { ConfigError };
