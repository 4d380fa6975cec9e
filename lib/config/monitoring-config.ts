/**
 * The stack's configuration: typed, defaulted and validated, read from CDK context so that
 * `cdk deploy -c dailyLlmBudgetUsd=100` and cdk.json both configure it. An invalid value fails
 * `cdk synth` with one Error naming every bad setting.
 */
import type { Node } from 'constructs';
import { isLatencyTier, LATENCY_TIERS, type LatencyTier } from '../catalog/latency-tiers';
import { runbookBase } from '../catalog/alarms/naming';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from '../catalog/metrics';
import { CONTEXT_KEYS, type ConfigSetting, type ContextValues } from './context-keys';
import { ContextReader, formatProblems, type Check, type ConfigProblem } from './context-reader';
import { unknownContextKeys, unknownKeysMessage } from './unknown-keys';
import { readAlarmTuning, type AlarmTuning } from './alarm-tuning';
import { defaultModelFor, llmProviderProblem, modelProblemFor, type LlmProvider } from './llm-provider';
import { readRecipients, type SeverityRecipients } from './recipients';
import { judgeScheduleProblem } from './judge-interval';
import {
  emailProblem,
  linkBaseProblem,
  namespaceProblem,
  phoneNumberProblem,
  secretNameProblem,
  serviceNameProblem,
  toolNameProblem,
} from './validators';

/**
 * The stack's settings. The alarm catalog's tuning settings (`errorRatePercent`, `toolMinCalls`, ...,
 * see {@link AlarmTuning}) are set only when given, the catalog's defaults applying otherwise.
 */
export interface MonitoringConfig extends AlarmTuning {
  /** The `service` dimension and the prefix of resource and alarm names. @default 'agent' */
  readonly serviceName: string;
  /** The CloudWatch namespace of the agent's metrics. @default 'AgentMonitoring' */
  readonly metricNamespace: string;
  /** The row of the latency budget table the latency alarms and dashboard use. @default 'real-time-chat' */
  readonly latencyTier: LatencyTier;
  /** The hard daily LLM budget in USD, above 0. @default 50 */
  readonly dailyLlmBudgetUsd: number;
  /** A per-user daily LLM budget in USD, above 0. @default none */
  readonly userDailyLlmBudgetUsd?: number;
  /** The monthly AWS Budgets cost budget in USD, above 0. @default 100 */
  readonly monthlyAwsBudgetUsd: number;
  /**
   * E-mail recipients per severity. One list (not an object) goes to critical and warning:
   * info carries the per-alarm notices the composite already pages for.
   * @default none
   */
  readonly alertEmails: SeverityRecipients;
  /** E.164 numbers per severity. One list (not an object) goes to critical only. @default none */
  readonly smsNumbers: SeverityRecipients;
  /** Secrets Manager name of the Slack incoming-webhook URL. @default no Slack posts */
  readonly slackWebhookSecretName?: string;
  /** Secrets Manager name of the PagerDuty Events API v2 routing key. @default no PagerDuty events */
  readonly pagerDutyRoutingKeySecretName?: string;
  /** Secrets Manager name of the OpenAI API key, read only by the functions whose provider is openai. @default 'agent-monitoring/openai-api-key' */
  readonly openAiSecretName: string;
  /** Share of successful replies captured for judging, in (0, 1]. @default 0.05 */
  readonly sampleRate: number;
  /**
   * EventBridge schedule of the judge: `rate(...)` or a 6-field `cron(...)`, running at least
   * hourly at an interval that divides an hour (`rate(15 minutes)`, `rate(1 hour)`,
   * `cron(0/30 8-18 ? * MON-FRI *)`): the judge alarms' periods follow it (judge-interval.ts).
   * @default 'rate(5 minutes)'
   */
  readonly judgeSchedule: string;
  /** Tools (as the agent registers them) that get a tool error rate alarm. @default ['calculator', 'current_datetime', 'search_docs'] */
  readonly monitoredTools: readonly string[];
  /** Mean judge score under which the quality alarm fires, in (0, 1]. @default 0.8 */
  readonly qualityThreshold: number;
  /** Availability SLO, in [0.95, 0.9999]. @default 0.995 */
  readonly availabilitySloTarget: number;
  /** The agent's LLM provider: OpenAI (or any compatible endpoint) or the Amazon Bedrock Converse API. @default 'openai' */
  readonly agentProvider: LlmProvider;
  /** The agent's model; with Bedrock a model id, inference profile id or ARN. @default 'gpt-4o-mini' (openai), 'amazon.nova-lite-v1:0' (bedrock) */
  readonly model: string;
  /** The judge's LLM provider. @default 'openai' */
  readonly judgeProvider: LlmProvider;
  /** The judge's model, read like `model`. @default 'gpt-4o-mini' (openai), 'amazon.nova-lite-v1:0' (bedrock) */
  readonly judgeModel: string;
  /** Base of the runbook links in alarm descriptions, e.g. a repository URL. @default 'docs/runbooks/alarms' */
  readonly runbookBaseUrl: string;
  /** Reserved concurrency of the example agent, and the limit the concurrency alarm measures against. @default none (the account's pool) */
  readonly agentReservedConcurrency?: number;
  /** The account's Lambda concurrency limit in the region, the agent's limit when it has no reserved concurrency. @default 1000 */
  readonly accountConcurrencyLimit: number;
  /** When set, fewer agent invocations than this in an hour page (traffic-floor). @default none */
  readonly minRequestsPerHour?: number;
}

type Defaults = Omit<MonitoringConfig, 'userDailyLlmBudgetUsd' | 'slackWebhookSecretName' | 'pagerDutyRoutingKeySecretName' | 'agentReservedConcurrency' | 'minRequestsPerHour'>;

export const DEFAULT_MONITORING_CONFIG: Readonly<Defaults> = {
  serviceName: DEFAULT_SERVICE_NAME,
  metricNamespace: DEFAULT_NAMESPACE,
  latencyTier: 'real-time-chat',
  dailyLlmBudgetUsd: 50,
  monthlyAwsBudgetUsd: 100,
  alertEmails: {},
  smsNumbers: {},
  openAiSecretName: 'agent-monitoring/openai-api-key',
  sampleRate: 0.05,
  judgeSchedule: 'rate(5 minutes)',
  monitoredTools: ['calculator', 'current_datetime', 'search_docs'],
  qualityThreshold: 0.8,
  availabilitySloTarget: 0.995,
  agentProvider: 'openai',
  model: defaultModelFor('openai'),
  judgeProvider: 'openai',
  judgeModel: defaultModelFor('openai'),
  runbookBaseUrl: 'docs/runbooks/alarms',
  accountConcurrencyLimit: 1000,
};

/**
 * The SLO bounds: under 0.95 the fast-burn alarm (14.4 times the error budget) would need
 * more than 72 % failures, and the alarm catalog refuses it; above 0.9999 the error budget is
 * under one failure in 10,000 requests, which sampling noise alone exceeds.
 */
export const SLO_TARGET_RANGE = { min: 0.95, max: 0.9999 } as const;

/** Thrown for invalid configuration; the message names every bad setting. */
export class MonitoringConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'MonitoringConfigError';
  }
}

/**
 * The configuration from raw context values (strings or JSON types), defaults filled in.
 *
 * @throws MonitoringConfigError naming every invalid setting
 * @example
 * monitoringConfigFrom({ dailyLlmBudgetUsd: '100', alertEmails: 'oncall@example.com' });
 */
export function monitoringConfigFrom(values: ContextValues): MonitoringConfig {
  const read = new ContextReader(values);
  const d = DEFAULT_MONITORING_CONFIG;
  const agentProvider = read.string('agentProvider', d.agentProvider, llmProviderProblem) as LlmProvider;
  const judgeProvider = read.string('judgeProvider', d.judgeProvider, llmProviderProblem) as LlmProvider;
  const config: MonitoringConfig = {
    serviceName: read.string('serviceName', d.serviceName, serviceNameProblem),
    metricNamespace: read.string('metricNamespace', d.metricNamespace, namespaceProblem),
    latencyTier: read.string('latencyTier', d.latencyTier, latencyTierProblem) as LatencyTier,
    dailyLlmBudgetUsd: read.number('dailyLlmBudgetUsd', d.dailyLlmBudgetUsd, positive),
    userDailyLlmBudgetUsd: read.optionalNumber('userDailyLlmBudgetUsd', positive),
    monthlyAwsBudgetUsd: read.number('monthlyAwsBudgetUsd', d.monthlyAwsBudgetUsd, positive),
    alertEmails: readRecipients(read, 'alertEmails', ['critical', 'warning'], emailProblem),
    smsNumbers: readRecipients(read, 'smsNumbers', ['critical'], phoneNumberProblem),
    slackWebhookSecretName: read.optionalString('slackWebhookSecretName', secretNameProblem),
    pagerDutyRoutingKeySecretName: read.optionalString('pagerDutyRoutingKeySecretName', secretNameProblem),
    openAiSecretName: read.string('openAiSecretName', d.openAiSecretName, secretNameProblem),
    sampleRate: read.number('sampleRate', d.sampleRate, inRange(0, 1, { minIncluded: false })),
    judgeSchedule: read.string('judgeSchedule', d.judgeSchedule, judgeScheduleProblem),
    monitoredTools: readTools(read),
    qualityThreshold: read.number('qualityThreshold', d.qualityThreshold, inRange(0, 1, { minIncluded: false })),
    availabilitySloTarget: read.number('availabilitySloTarget', d.availabilitySloTarget, inRange(SLO_TARGET_RANGE.min, SLO_TARGET_RANGE.max)),
    agentProvider,
    model: read.string('model', defaultModelFor(agentProvider), modelProblemFor(agentProvider, 'agentProvider')),
    judgeProvider,
    judgeModel: read.string('judgeModel', defaultModelFor(judgeProvider), modelProblemFor(judgeProvider, 'judgeProvider')),
    runbookBaseUrl: runbookBase(read.string('runbookBaseUrl', d.runbookBaseUrl, linkBaseProblem)),
    agentReservedConcurrency: read.optionalNumber('agentReservedConcurrency', wholeNumber(1)),
    accountConcurrencyLimit: read.number('accountConcurrencyLimit', d.accountConcurrencyLimit, wholeNumber(1)),
    minRequestsPerHour: read.optionalNumber('minRequestsPerHour', wholeNumber(1)),
    ...readAlarmTuning(read),
  };
  if (config.agentReservedConcurrency !== undefined && config.agentReservedConcurrency > config.accountConcurrencyLimit) {
    read.refuse('agentReservedConcurrency', `must be at most accountConcurrencyLimit (${config.accountConcurrencyLimit}), got ${config.agentReservedConcurrency}`, undefined);
  }
  if (read.problems.length > 0) throw new MonitoringConfigError(read.problems);
  return withoutUndefined(config);
}

/**
 * The configuration from a construct's CDK context (`cdk.json` and `-c key=value`). A context
 * key shaped like the kit's that it does not know fails, naming the closest known key; an app
 * that reads context keys of its own names them in `otherKeys`.
 *
 * @example
 * const app = new App();
 * const config = configFromContext(app.node, { otherKeys: ['stage'] });
 */
export function configFromContext(node: Node, options: { readonly otherKeys?: readonly string[] } = {}): MonitoringConfig {
  const unknown = unknownContextKeys(Object.keys(node.getAllContext()), options.otherKeys);
  if (unknown.length > 0) throw new Error(unknownKeysMessage(unknown));
  const values: ContextValues = {};
  for (const setting of Object.keys(CONTEXT_KEYS) as ConfigSetting[]) {
    values[setting] = node.tryGetContext(CONTEXT_KEYS[setting]);
  }
  return monitoringConfigFrom(values);
}

function latencyTierProblem(value: string): string | undefined {
  if (isLatencyTier(value)) return undefined;
  return `unknown latency tier ${JSON.stringify(value)}; allowed: ${Object.keys(LATENCY_TIERS).join(', ')}`;
}

function readTools(read: ContextReader): readonly string[] {
  const tools = read.list('monitoredTools', DEFAULT_MONITORING_CONFIG.monitoredTools, toolNameProblem);
  const duplicates = tools.filter((tool, index) => tools.indexOf(tool) !== index);
  if (duplicates.length > 0) return read.refuse('monitoredTools', `lists ${[...new Set(duplicates)].join(', ')} more than once`, tools);
  return tools;
}

function wholeNumber(min: number): Check<number> {
  return (value) => (Number.isInteger(value) && value >= min ? undefined : `must be a whole number of at least ${min}, got ${value}`);
}

const positive: Check<number> = (value) => (value > 0 ? undefined : `must be a number greater than 0, got ${value}`);

function inRange(min: number, max: number, options: { minIncluded?: boolean } = {}): Check<number> {
  const minIncluded = options.minIncluded ?? true;
  return (value) => {
    const aboveMin = minIncluded ? value >= min : value > min;
    if (aboveMin && value <= max) return undefined;
    return `must be in ${minIncluded ? '[' : '('}${min}, ${max}], got ${value}`;
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
