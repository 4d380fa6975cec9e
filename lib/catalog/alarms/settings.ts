/**
 * What a team tunes about its alarms, with defaults, and the validation that names the
 * setting at fault (so `cdk synth` and the simulator refuse a bad value with a clear message).
 */
import { isLatencyTier, type LatencyTier } from '../latency-tiers';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from '../metrics';
import { DEFAULT_JUDGE_INTERVAL_MINUTES, judgeIntervalProblem } from './judge-windows';
import { runbookBase } from './naming';

export const DEFAULT_RUNBOOK_BASE_URL = 'docs/runbooks/alarms';

export interface AlarmSettings {
  /** The `service` dimension and the first part of every alarm name. @default 'agent' */
  readonly serviceName?: string;
  /** @default 'AgentMonitoring' */
  readonly namespace?: string;
  /** Which row of the latency budget table the latency alarms use. @default 'real-time-chat' */
  readonly latencyTier?: LatencyTier;
  /** The budget guard's daily LLM budget (agent and judge, per UTC day). @default 50 */
  readonly dailyBudgetUsd?: number;
  /**
   * Share of `dailyBudgetUsd`, as a fraction in (0, 1], at which `spend-daily-budget` warns:
   * the guard's utilization metric (`METRICS.budgetUtilization`: the UTC day's agent and judge spend) reaching it.
   * Keep it equal to the agent's `BUDGET_SOFT_THRESHOLD`, the threshold past which the guard
   * counts `METRICS.budgetSoftLimit`. At 1 the alarm would hardly ever fire: the guard
   * refuses any reservation that would pass the budget, so the day's utilization reaches 100 %
   * only when a reservation fills it exactly.
   * @default 0.8
   */
  readonly budgetSoftThreshold?: number;
  /**
   * Spend in one hour that counts as a spike: three times the even hourly pace of the daily
   * budget, a pace that would spend the whole day's budget in 8 hours.
   * @default dailyBudgetUsd * 3 / 24
   */
  readonly hourlySpendSpikeUsd?: number;
  /** Tools (names as the agent registers them) that get a tool error rate alarm. @default [] */
  readonly monitoredTools?: readonly string[];
  /** Error rate, in percent of requests, that alarms (client errors, CLIENT_ERROR_CATEGORIES, do not count). @default 5 */
  readonly errorRatePercent?: number;
  /** Requests a minute below which the error rate is not judged. @default 5 */
  readonly errorRateMinRequests?: number;
  /** Failed requests a burn-rate window must hold before its ratio is judged: one failure in a quiet hour is no burn. @default 5 */
  readonly sloMinFailures?: number;
  /** Requests (less client errors) a burn-rate window must hold before its ratio is judged. @default 10 */
  readonly sloMinRequests?: number;
  /** Share of requests, in percent, refused as invalid_input in 3 consecutive 5-minute periods that warns (a broken client). @default 10 */
  readonly invalidInputRatePercent?: number;
  /** Requests in 5 minutes below which the invalid-input share is not judged. @default 20 */
  readonly invalidInputMinRequests?: number;
  /** Requests in 5 minutes below which P95 is not judged. @default 20 */
  readonly latencyP95MinSamples?: number;
  /** Requests in 5 minutes below which P99 is not judged (P99 of fewer is the maximum). @default 100 */
  readonly latencyP99MinSamples?: number;
  /** `rate_limit` errors in 5 minutes above which the storm alarm fires. @default 10 */
  readonly rateLimitStormErrors?: number;
  /** Errors a minute of ONE of `provider_error`, `service_unavailable` that count as an outage minute (each category is judged on its own). @default 3 */
  readonly providerOutageErrorsPerMinute?: number;
  /** Tool error rate, in percent of that tool's calls, that alarms. @default 10 */
  readonly toolErrorRatePercent?: number;
  /** Calls of a tool in 5 minutes below which its error rate is not judged. @default 10 */
  readonly toolMinCalls?: number;
  /** Mean judge score under which the quality alarm fires. @default 0.8 */
  readonly qualityThreshold?: number;
  /** Scores in an hour below which the mean is not judged. @default 10 */
  readonly qualityMinScores?: number;
  /** Availability SLO: the share of requests that must succeed (client errors spend no budget; slo-alarms.ts gives the formula). @default 0.995 */
  readonly availabilitySloTarget?: number;
  /** Age of the oldest pending sample above which the backlog alarm fires; at least the judge's interval. @default 3600 */
  readonly judgeBacklogMaxAgeSeconds?: number;
  /**
   * Minutes between two runs of the judge (the stack derives it from `judgeSchedule`). The judge
   * alarms' periods follow it so that each period holds at least one run (judge-windows.ts); it
   * must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60) and be at most
   * `judgeBacklogMaxAgeSeconds`.
   * @default 5
   */
  readonly judgeIntervalMinutes?: number;
  /** Judge failures in an hour at which the judge failure alarm fires. @default 5 */
  readonly judgeFailuresPerHour?: number;
  /** The agent Lambda's function name, whose AWS/Lambda metrics are watched (the construct passes the real one). @default `${serviceName}-agent` */
  readonly agentFunctionName?: string;
  /**
   * The concurrency the agent can reach: its reserved concurrency, or else the account's
   * concurrency limit in the region (Lambda's default quota is 1000). @default 1000
   */
  readonly agentConcurrencyLimit?: number;
  /**
   * Whose concurrency `agentConcurrencyLimit` limits: `function` (the agent's reserved
   * concurrency: the agent's own ConcurrentExecutions is watched) or `account` (the account's
   * pool, shared with every other function: the account-wide ConcurrentExecutions is watched).
   * @default 'account'
   */
  readonly concurrencyScope?: 'function' | 'account';
  /** ConcurrentExecutions, in percent of `agentConcurrencyLimit`, that warns. @default 80 */
  readonly concurrencyAlarmPercent?: number;
  /** Agent invocations ending in a Lambda error (crash, timeout, out of memory, init failure), in percent, that alarms. @default 5 */
  readonly lambdaErrorRatePercent?: number;
  /** Agent requests throttled by Lambda, in percent of invocations plus throttles, that warns. @default 1 */
  readonly lambdaThrottlePercent?: number;
  /** Invocations a minute below which the Lambda error and throttle shares are not judged. @default 5 */
  readonly lambdaMinInvocations?: number;
  /** Share of invocations, in percent, that the wrapper's metrics do not count before the monitoring-silent alarm fires. @default 25 */
  readonly monitoringSilentPercent?: number;
  /** Invocations in 5 minutes below which the monitoring-silent share is not judged. @default 10 */
  readonly monitoringSilentMinInvocations?: number;
  /** When set, fewer agent invocations than this in an hour alarm (missing data breaching): traffic stopped upstream. @default unset: no traffic floor */
  readonly minRequestsPerHour?: number;
  /** The judge Lambda's function name (the construct passes the real one). @default `${serviceName}-judge` */
  readonly judgeFunctionName?: string;
  /** The alert router's dead-letter queue name (the construct passes the real one). @default `${serviceName}-alert-dead-letters` */
  readonly alertDeadLetterQueueName?: string;
  /** Where runbook links in alarm descriptions point, e.g. a repository URL. @default 'docs/runbooks/alarms' */
  readonly runbookBaseUrl?: string;
}

export type ResolvedAlarmSettings = Required<Omit<AlarmSettings, 'minRequestsPerHour'>> & Pick<AlarmSettings, 'minRequestsPerHour'>;

/** Resolves defaults and validates every setting; throws an Error naming the first bad one. */
export function resolveAlarmSettings(settings: AlarmSettings = {}): ResolvedAlarmSettings {
  const serviceName = settings.serviceName ?? DEFAULT_SERVICE_NAME;
  const dailyBudgetUsd = settings.dailyBudgetUsd ?? 50;
  const resolved: ResolvedAlarmSettings = {
    serviceName,
    namespace: settings.namespace ?? DEFAULT_NAMESPACE,
    latencyTier: settings.latencyTier ?? 'real-time-chat',
    dailyBudgetUsd,
    budgetSoftThreshold: settings.budgetSoftThreshold ?? 0.8,
    hourlySpendSpikeUsd: settings.hourlySpendSpikeUsd ?? (dailyBudgetUsd * 3) / 24,
    monitoredTools: settings.monitoredTools ?? [],
    errorRatePercent: settings.errorRatePercent ?? 5,
    errorRateMinRequests: settings.errorRateMinRequests ?? 5,
    sloMinFailures: settings.sloMinFailures ?? 5,
    sloMinRequests: settings.sloMinRequests ?? 10,
    invalidInputRatePercent: settings.invalidInputRatePercent ?? 10,
    invalidInputMinRequests: settings.invalidInputMinRequests ?? 20,
    latencyP95MinSamples: settings.latencyP95MinSamples ?? 20,
    latencyP99MinSamples: settings.latencyP99MinSamples ?? 100,
    rateLimitStormErrors: settings.rateLimitStormErrors ?? 10,
    providerOutageErrorsPerMinute: settings.providerOutageErrorsPerMinute ?? 3,
    toolErrorRatePercent: settings.toolErrorRatePercent ?? 10,
    toolMinCalls: settings.toolMinCalls ?? 10,
    qualityThreshold: settings.qualityThreshold ?? 0.8,
    qualityMinScores: settings.qualityMinScores ?? 10,
    availabilitySloTarget: settings.availabilitySloTarget ?? 0.995,
    judgeBacklogMaxAgeSeconds: settings.judgeBacklogMaxAgeSeconds ?? 3600,
    judgeFailuresPerHour: settings.judgeFailuresPerHour ?? 5,
    judgeIntervalMinutes: settings.judgeIntervalMinutes ?? DEFAULT_JUDGE_INTERVAL_MINUTES,
    agentFunctionName: settings.agentFunctionName ?? `${serviceName}-agent`,
    agentConcurrencyLimit: settings.agentConcurrencyLimit ?? 1000,
    concurrencyScope: settings.concurrencyScope ?? 'account',
    concurrencyAlarmPercent: settings.concurrencyAlarmPercent ?? 80,
    lambdaErrorRatePercent: settings.lambdaErrorRatePercent ?? 5,
    lambdaThrottlePercent: settings.lambdaThrottlePercent ?? 1,
    lambdaMinInvocations: settings.lambdaMinInvocations ?? 5,
    monitoringSilentPercent: settings.monitoringSilentPercent ?? 25,
    monitoringSilentMinInvocations: settings.monitoringSilentMinInvocations ?? 10,
    ...(settings.minRequestsPerHour !== undefined ? { minRequestsPerHour: settings.minRequestsPerHour } : {}),
    judgeFunctionName: settings.judgeFunctionName ?? `${serviceName}-judge`,
    alertDeadLetterQueueName: settings.alertDeadLetterQueueName ?? `${serviceName}-alert-dead-letters`,
    runbookBaseUrl: runbookBase(settings.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE_URL),
  };
  validate(resolved);
  return resolved;
}

/** Why a value of a numeric setting is refused (naming the allowed range), or undefined when it is accepted. */
export type NumberRule = (value: number) => string | undefined;

const positive: NumberRule = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : `must be a positive number, got ${v}`);
const percentage: NumberRule = (v) => (typeof v === 'number' && v > 0 && v < 100 ? undefined : `must be a percentage in (0, 100), got ${v}`);
const count: NumberRule = (v) => (Number.isInteger(v) && v >= 1 ? undefined : `must be a whole number of at least 1, got ${v}`);
const wholeSeconds: NumberRule = (v) => (Number.isInteger(v) && v >= 60 ? undefined : `must be a whole number of seconds, at least 60, got ${v}`);
const score: NumberRule = (v) => (typeof v === 'number' && v > 0 && v <= 1 ? undefined : `must be in (0, 1], got ${v}`);
const sloTarget: NumberRule = (v) =>
  typeof v === 'number' && v >= 0.95 && v < 1
    ? undefined
    : `must be a fraction in [0.95, 1), such as 0.995 for 99.5 % (a 14.4x burn of the error budget must stay under 100 % errors), got ${v}`;

/**
 * The rule of every numeric setting, the one the catalog, `cdk synth`'s context reader, the
 * simulator and the CLI all apply.
 *
 * @example
 * NUMERIC_SETTING_RULES.errorRatePercent(120); // 'must be a percentage in (0, 100), got 120'
 */
export const NUMERIC_SETTING_RULES = {
  dailyBudgetUsd: positive,
  hourlySpendSpikeUsd: positive,
  errorRatePercent: percentage,
  toolErrorRatePercent: percentage,
  invalidInputRatePercent: percentage,
  concurrencyAlarmPercent: percentage,
  lambdaErrorRatePercent: percentage,
  lambdaThrottlePercent: percentage,
  monitoringSilentPercent: percentage,
  minRequestsPerHour: count,
  errorRateMinRequests: count,
  sloMinFailures: count,
  sloMinRequests: count,
  invalidInputMinRequests: count,
  agentConcurrencyLimit: count,
  lambdaMinInvocations: count,
  monitoringSilentMinInvocations: count,
  latencyP95MinSamples: count,
  latencyP99MinSamples: count,
  rateLimitStormErrors: count,
  providerOutageErrorsPerMinute: count,
  toolMinCalls: count,
  qualityMinScores: count,
  judgeFailuresPerHour: count,
  qualityThreshold: score,
  budgetSoftThreshold: score,
  judgeIntervalMinutes: judgeIntervalProblem,
  availabilitySloTarget: sloTarget,
  judgeBacklogMaxAgeSeconds: wholeSeconds,
} as const satisfies { readonly [K in keyof AlarmSettings]?: NumberRule };

/** The settings that are numbers, each with its rule in {@link NUMERIC_SETTING_RULES}. */
export type NumericAlarmSetting = keyof typeof NUMERIC_SETTING_RULES;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_SERVICE_NAME_LENGTH = 100;
const MAX_NAMESPACE_LENGTH = 255;
const MAX_DIMENSION_VALUE_LENGTH = 1024;

function validate(s: ResolvedAlarmSettings): void {
  requireName('serviceName', s.serviceName, MAX_SERVICE_NAME_LENGTH);
  requireNamespace(s.namespace);
  if (!isLatencyTier(String(s.latencyTier))) {
    fail('latencyTier', `must be one of real-time-chat, document-analysis, batch-processing, background-agent, got ${JSON.stringify(s.latencyTier)}`);
  }
  requireTools(s.monitoredTools);
  for (const [key, rule] of Object.entries(NUMERIC_SETTING_RULES) as [NumericAlarmSetting, NumberRule][]) {
    const problem = s[key] === undefined ? undefined : rule(s[key]);
    if (problem !== undefined) fail(key, problem);
  }
  if (s.judgeIntervalMinutes * 60 > s.judgeBacklogMaxAgeSeconds) {
    fail('judgeBacklogMaxAgeSeconds', `must be at least the judge's interval (judgeIntervalMinutes ${s.judgeIntervalMinutes}, from judgeSchedule: ${s.judgeIntervalMinutes * 60} s), since every sample may wait that long by design, got ${s.judgeBacklogMaxAgeSeconds}`);
  }
  if (s.concurrencyScope !== 'function' && s.concurrencyScope !== 'account') fail('concurrencyScope', `must be function or account, got ${JSON.stringify(s.concurrencyScope)}`);
  for (const key of ['agentFunctionName', 'judgeFunctionName'] as const) {
    if (typeof s[key] !== 'string' || s[key].trim() === '') fail(key, 'must be a non-empty string');
  }
  if (typeof s.alertDeadLetterQueueName !== 'string' || s.alertDeadLetterQueueName.trim() === '') fail('alertDeadLetterQueueName', 'must be a non-empty string');
  if (typeof s.runbookBaseUrl !== 'string' || s.runbookBaseUrl.trim() === '') fail('runbookBaseUrl', 'must be a non-empty path or URL');
}

function fail(setting: keyof AlarmSettings, problem: string): never {
  throw new Error(`Invalid alarm setting ${setting}: ${problem}`);
}

function requireName(setting: keyof AlarmSettings, value: string, maxLength: number): void {
  if (typeof value !== 'string' || !NAME_PATTERN.test(value) || value.length > maxLength) {
    fail(setting, `must be 1-${maxLength} letters, digits, '.', '_' or '-', starting with a letter or digit, got ${JSON.stringify(value)}`);
  }
}

function requireNamespace(value: string): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAMESPACE_LENGTH || value.startsWith('AWS/')) {
    fail('namespace', `must be a non-empty custom namespace of at most ${MAX_NAMESPACE_LENGTH} characters, not starting with "AWS/", got ${JSON.stringify(value)}`);
  }
}

function requireTools(tools: readonly string[]): void {
  if (!Array.isArray(tools)) fail('monitoredTools', 'must be a list of tool names');
  const seen = new Map<string, string>();
  for (const tool of tools) {
    if (typeof tool !== 'string' || tool.trim() === '' || tool.length > MAX_DIMENSION_VALUE_LENGTH) {
      fail('monitoredTools', `each tool must be a non-empty name, got ${JSON.stringify(tool)}`);
    }
    const slug = toolSlug(tool);
    if (slug === '') fail('monitoredTools', `tool ${JSON.stringify(tool)} needs at least one letter or digit`);
    const clash = seen.get(slug);
    if (clash !== undefined) fail('monitoredTools', `tools ${JSON.stringify(clash)} and ${JSON.stringify(tool)} would share the alarm id tool-error-rate-${slug}`);
    seen.set(slug, tool);
  }
}

/** The kebab-case form of a tool name used in its alarm id: `search_docs` → `search-docs`. */
export function toolSlug(tool: string): string {
  return tool
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
