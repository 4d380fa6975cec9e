import { Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SAMPLE_STATUS_INDEX } from '../catalog/tables';
import { defaultModelFor, type LlmProvider } from '../config/llm-provider';
import { grantBedrockModel } from './bedrock-model-access';
import { functionDefaults, monitoringEnvironment } from './bundling';
import { acknowledgeNoVpc } from './compliance-notes';
import { functionLogGroup, functionRole, type FunctionLogsProps } from './function-logs';
import { openAiKeyFor, providerEnvironment } from './llm-access';

/** Drift detection settings, passed to the judge as DRIFT_* variables. Each unset one keeps the judge's default. */
export interface JudgeDriftProps {
  /** @default 100 */
  readonly windowSize?: number;
  /** @default 24 */
  readonly windowHours?: number;
  /** @default 50 */
  readonly baselineSize?: number;
  /** @default 0.8 */
  readonly absoluteThreshold?: number;
  /** @default 0.01 */
  readonly pValue?: number;
  /** @default 30 */
  readonly minSamples?: number;
  /** @default 0.05 */
  readonly minRelativeDrop?: number;
}

/** Props of {@link JudgeFunction}. */
export interface JudgeFunctionProps {
  readonly serviceName: string;
  readonly namespace: string;
  readonly samplesTable: dynamodb.ITable;
  /** The agent's budget table: judge spend counts against the same daily budget. */
  readonly budgetTable: dynamodb.ITable;
  /** The hard daily LLM budget in USD shared with the agent. */
  readonly dailyBudgetUsd: number;
  /** The OpenAI API key (OPENAI_API_KEY_SECRET_ID): required with the openai provider, refused with bedrock. */
  readonly apiKeySecret?: secretsmanager.ISecret;
  /** Where drift episodes are announced (usually the warning alert topic). */
  readonly driftTopic: sns.ITopic;
  /** OpenAI chat completions (or any compatible endpoint) or the Amazon Bedrock Converse API (JUDGE_PROVIDER). @default 'openai' */
  readonly provider?: LlmProvider;
  /** With `bedrock`, a model id, inference profile id or ARN; the role may invoke only this model. @default 'gpt-4o-mini' (openai), 'amazon.nova-lite-v1:0' (bedrock) */
  readonly model?: string;
  /** EventBridge schedule expression (JUDGE_SCHEDULE). @default 'rate(5 minutes)' */
  readonly schedule?: string;
  /** Judge calls in flight per run. @default 8 */
  readonly concurrency?: number;
  /** @default 500 */
  readonly maxSamplesPerRun?: number;
  /** @default 1 */
  readonly maxSpendUsdPerRun?: number;
  /** @default the judge's defaults */
  readonly drift?: JudgeDriftProps;
  /**
   * Where the runbooks are published (the `runbookBaseUrl` context setting), passed as
   * RUNBOOK_BASE_URL: the drift and recovery messages link `<runbookBaseUrl>/quality-drift.md`.
   * @default the judge's default, the repository path `docs/runbooks/alarms`
   */
  readonly runbookBaseUrl?: string;
  /** @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** @default `${serviceName}-judge` (the name the judge Lambda alarms expect) */
  readonly functionName?: string;
  /** @default one year, AWS-owned encryption */
  readonly logs?: FunctionLogsProps;
}

/** The judge's schedule unless `schedule` is given. */
export const DEFAULT_JUDGE_SCHEDULE = 'rate(5 minutes)';

const DRIFT_VARIABLES: Record<keyof JudgeDriftProps, string> = {
  windowSize: 'DRIFT_WINDOW_SIZE',
  windowHours: 'DRIFT_WINDOW_HOURS',
  baselineSize: 'DRIFT_BASELINE_SIZE',
  absoluteThreshold: 'DRIFT_ABSOLUTE_THRESHOLD',
  pValue: 'DRIFT_P_VALUE',
  minSamples: 'DRIFT_MIN_SAMPLES',
  minRelativeDrop: 'DRIFT_MIN_RELATIVE_DROP',
};

/**
 * The judge Lambda on an EventBridge schedule: it scores sampled responses with an LLM judge,
 * stores the scores, publishes `agent.quality.*` and `agent.judge.*` with PutMetricData and
 * announces drift on `driftTopic`. Overlapping runs are safe (samples are claimed), so no
 * reserved concurrency is set; a failed run is not retried (the next one comes on schedule).
 *
 * @example
 * new JudgeFunction(this, 'Judge', {
 *   serviceName: 'agent', namespace: 'AgentMonitoring', samplesTable: tables.samples, budgetTable: tables.budget,
 *   dailyBudgetUsd: 50, apiKeySecret, driftTopic: alerts.topics.warning,
 * });
 */
export class JudgeFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: JudgeFunctionProps) {
    super(scope, id);
    this.logGroup = functionLogGroup(this, 'Logs', props.logs);
    const role = functionRole(this, 'Role', this.logGroup, 'judge: scores samples, charges the budget, publishes its metrics and drift');
    const provider = props.provider ?? 'openai';
    const model = props.model ?? defaultModelFor(provider);
    const apiKeySecret = openAiKeyFor('JudgeFunction', provider, props.apiKeySecret);
    if (provider === 'bedrock') grantBedrockModel(role, model);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      role,
      ...functionDefaults('functions/judge/handler.ts'),
      functionName: props.functionName ?? `${props.serviceName}-judge`,
      description: `${props.serviceName} LLM judge: scores sampled responses and detects quality drift`,
      timeout: props.timeout ?? Duration.minutes(5),
      retryAttempts: 0,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: judgeEnvironment(props, provider, model, apiKeySecret),
    });
    acknowledgeNoVpc(this.function);
    this.rule = new events.Rule(this, 'Schedule', {
      description: `Runs the ${props.serviceName} judge`,
      schedule: events.Schedule.expression(props.schedule ?? DEFAULT_JUDGE_SCHEDULE),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 0 })],
    });
    this.grantAccess(props, apiKeySecret);
  }

  private grantAccess(props: JudgeFunctionProps, apiKeySecret: secretsmanager.ISecret | undefined): void {
    const allow = (actions: string[], resources: string[]) => this.function.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
    allow(['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'], [props.samplesTable.tableArn]);
    allow(['dynamodb:Query'], [`${props.samplesTable.tableArn}/index/${SAMPLE_STATUS_INDEX}`]);
    allow(['dynamodb:GetItem', 'dynamodb:UpdateItem'], [props.budgetTable.tableArn]);
    apiKeySecret?.grantRead(this.function);
    allow(['sns:Publish'], [props.driftTopic.topicArn]);
    if (props.driftTopic.masterKey) allow(['kms:GenerateDataKey', 'kms:Decrypt'], [props.driftTopic.masterKey.keyArn]);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PutJudgeMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': props.namespace } },
      }),
    );
    Validations.of(this.function.role!).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:PutMetricData has no resource-level permissions (its only resource is *); the statement is limited by the cloudwatch:namespace condition to the agent namespace.',
    });
  }
}

function judgeEnvironment(props: JudgeFunctionProps, provider: LlmProvider, model: string, apiKeySecret: secretsmanager.ISecret | undefined): Record<string, string> {
  const environment: Record<string, string> = {
    ...monitoringEnvironment(props.serviceName, props.namespace),
    ...providerEnvironment('JUDGE_PROVIDER', provider),
    JUDGE_MODEL: model,
    SAMPLES_TABLE_NAME: props.samplesTable.tableName,
    BUDGET_TABLE_NAME: props.budgetTable.tableName,
    DAILY_BUDGET_USD: String(props.dailyBudgetUsd),
    ...(apiKeySecret ? { OPENAI_API_KEY_SECRET_ID: apiKeySecret.secretName } : {}),
    DRIFT_TOPIC_ARN: props.driftTopic.topicArn,
  };
  if (props.concurrency !== undefined) environment.JUDGE_CONCURRENCY = String(props.concurrency);
  if (props.maxSamplesPerRun !== undefined) environment.JUDGE_MAX_SAMPLES_PER_RUN = String(props.maxSamplesPerRun);
  if (props.maxSpendUsdPerRun !== undefined) environment.JUDGE_MAX_SPEND_USD_PER_RUN = String(props.maxSpendUsdPerRun);
  if (props.runbookBaseUrl !== undefined) environment.RUNBOOK_BASE_URL = props.runbookBaseUrl;
  for (const [key, variable] of Object.entries(DRIFT_VARIABLES) as [keyof JudgeDriftProps, string][]) {
    const value = props.drift?.[key];
    if (value !== undefined) environment[variable] = String(value);
  }
  return environment;
}
