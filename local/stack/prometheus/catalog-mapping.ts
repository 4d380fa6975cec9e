/**
 * How each metric of the catalog is exported to Prometheus: its family (name, type, labels),
 * or why it is left out. One entry per catalog metric; the names are derived from the catalog's
 * (names.ts) except where several catalog metrics fold into one family with a label.
 */
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_SQS_METRICS } from '../../../lib/catalog/alarms';
import { DIMENSIONS, METRICS, type MetricSpec } from '../../../lib/catalog/metrics';
import { baseUnitScale, prometheusName, snakeCase, type PrometheusType } from './names';

/** Where a catalog metric is published: the agent's namespace (configurable) or `AWS/Lambda`. */
export type MetricSource = 'agent' | 'lambda';

/** One Prometheus metric family. */
export interface PrometheusFamily {
  readonly name: string;
  readonly type: PrometheusType;
  readonly help: string;
  /** The dimensions exported as labels (each under its snake-case name), when a value carries them. */
  readonly dimensions: readonly string[];
  /** Every label name of the family: its dimensions' and its members' fixed labels. */
  readonly labelNames: readonly string[];
  /**
   * A value published without this dimension is the total of the values published with it
   * (the account-wide concurrency, a request's tool totals): left out, so that `sum()` never
   * counts it twice.
   */
  readonly requiredDimension?: string;
  /** Multiplies every value into the base unit (milliseconds to seconds, percent to ratio). */
  readonly scale: number;
}

/** A catalog metric and the family its values go to. */
export interface PrometheusMapping {
  readonly source: MetricSource;
  readonly spec: MetricSpec;
  readonly family: PrometheusFamily;
  /** Labels every value of this metric gets, e.g. `kind="prompt"`. @default none */
  readonly fixedLabels?: Readonly<Record<string, string>>;
}

interface FamilyOptions {
  readonly dimensions?: readonly string[];
  readonly requiredDimension?: string;
  /** @default derived from the catalog name (names.ts) */
  readonly name?: string;
  readonly help?: string;
  readonly fixedLabelNames?: readonly string[];
}

const PREFIX: Record<MetricSource, string> = { agent: 'agent_', lambda: 'aws_lambda_' };
/** Said in the help of a metric whose values are converted to the Prometheus base unit. */
const BASE_UNIT_NOTE: Partial<Record<MetricSpec['unit'], string>> = { Milliseconds: ', in seconds', Percent: ', as a ratio (1 = 100 %)' };

function family(source: MetricSource, spec: MetricSpec, type: PrometheusType, options: FamilyOptions = {}): PrometheusFamily {
  const dimensions = options.dimensions ?? [];
  return {
    name: options.name ?? prometheusName(spec, type, PREFIX[source]),
    type,
    help: `${options.help ?? spec.description}${BASE_UNIT_NOTE[spec.unit] ?? ''}`,
    dimensions,
    labelNames: [...dimensions.map(snakeCase), ...(options.fixedLabelNames ?? [])],
    ...(options.requiredDimension && { requiredDimension: options.requiredDimension }),
    scale: baseUnitScale(spec.unit),
  };
}

/** Every agent family is labelled `service`: no series shows before its first value (a gauge at 0 would read as a value). */
function agent(spec: MetricSpec, type: PrometheusType, options: FamilyOptions = {}): PrometheusMapping {
  return { source: 'agent', spec, family: family('agent', spec, type, { ...options, dimensions: [service, ...(options.dimensions ?? [])] }) };
}

function lambda(spec: MetricSpec, type: PrometheusType): PrometheusMapping {
  const options = { dimensions: [AWS_LAMBDA_FUNCTION_DIMENSION], requiredDimension: AWS_LAMBDA_FUNCTION_DIMENSION };
  return { source: 'lambda', spec, family: family('lambda', spec, type, options) };
}

const { service, model, errorCategory, tool, functionName } = DIMENSIONS;
const byModel = { dimensions: [model] };
const byTool = { dimensions: [tool], requiredDimension: tool };

/** Prompt and completion tokens, one family: `sum(agent_tokens_total)` is every token once. */
const TOKENS = family('agent', METRICS.tokensPrompt, 'counter', {
  name: 'agent_tokens_total',
  help: 'tokens reported by the provider, by kind (prompt, completion)',
  dimensions: [service, model],
  fixedLabelNames: ['kind'],
});

/** Every catalog metric the local `/metrics` exports. */
export const PROMETHEUS_MAPPINGS: readonly PrometheusMapping[] = [
  agent(METRICS.requests, 'counter', byModel),
  agent(METRICS.errors, 'counter', { name: 'agent_errors_total', dimensions: [model, errorCategory], requiredDimension: errorCategory }),
  agent(METRICS.clientErrors, 'counter', { name: 'agent_client_errors_total', ...byModel }),
  agent(METRICS.duration, 'histogram', byModel),
  { source: 'agent', spec: METRICS.tokensPrompt, family: TOKENS, fixedLabels: { kind: 'prompt' } },
  { source: 'agent', spec: METRICS.tokensCompletion, family: TOKENS, fixedLabels: { kind: 'completion' } },
  agent(METRICS.costUsd, 'counter', byModel),
  agent(METRICS.costUnpriced, 'counter', byModel),
  agent(METRICS.toolCalls, 'counter', { name: 'agent_tool_calls_total', ...byTool }),
  agent(METRICS.toolErrors, 'counter', { name: 'agent_tool_errors_total', ...byTool }),
  agent(METRICS.budgetRejections, 'counter'),
  agent(METRICS.budgetSoftLimit, 'counter'),
  agent(METRICS.budgetUtilization, 'gauge'),
  agent(METRICS.budgetOverruns, 'counter'),
  agent(METRICS.budgetStoreErrors, 'counter'),
  agent(METRICS.captureSampled, 'counter'),
  agent(METRICS.captureErrors, 'counter'),
  agent(METRICS.answerTruncated, 'counter'),
  agent(METRICS.coldStart, 'counter', { dimensions: [functionName] }),
  agent(JUDGE_METRICS.qualityScore, 'gauge', { help: 'the latest judge score in [0, 1]' }),
  agent(JUDGE_METRICS.qualityDrift, 'gauge'),
  agent(JUDGE_METRICS.evaluations, 'counter'),
  agent(JUDGE_METRICS.failures, 'counter'),
  agent(JUDGE_METRICS.backlog, 'gauge'),
  agent(JUDGE_METRICS.oldestPendingAgeSeconds, 'gauge'),
  agent(JUDGE_METRICS.costUsd, 'counter'),
  lambda(AWS_LAMBDA_METRICS.invocations, 'counter'),
  lambda(AWS_LAMBDA_METRICS.errors, 'counter'),
  lambda(AWS_LAMBDA_METRICS.throttles, 'counter'),
  lambda(AWS_LAMBDA_METRICS.duration, 'histogram'),
  lambda(AWS_LAMBDA_METRICS.concurrentExecutions, 'gauge'),
];

/** The catalog metrics `/metrics` does not export, by catalog name, with the reason. */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  [METRICS.tokensTotal.name]: 'prompt plus completion tokens: sum(agent_tokens_total) gives it, and a third kind would count every token twice',
  [METRICS.alertDeliveryFailures.name]: 'counted by a CloudWatch Logs metric filter on the deployed alert router; the local stack has no router',
  [AWS_SQS_METRICS.messagesVisible.name]: "the alert router's dead-letter queue exists only in AWS",
};

/** The mapping of the catalog metric `metricName` published in `source`, if it is exported. */
export function mappingFor(source: MetricSource, metricName: string): PrometheusMapping | undefined {
  return INDEX.get(`${source}:${metricName}`);
}

const INDEX = new Map(PROMETHEUS_MAPPINGS.map((mapping) => [`${mapping.source}:${mapping.spec.name}`, mapping]));
