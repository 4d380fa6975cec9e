import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { tierTimeouts, type LatencyTier } from '../catalog/latency-tiers';
import { defaultModelFor, type LlmProvider } from '../config/llm-provider';
import { grantBedrockModel } from './bedrock-model-access';
import { functionDefaults, monitoringEnvironment } from './bundling';
import { openAiKeyFor, providerEnvironment } from './llm-access';
import { acknowledgeNoVpc } from './compliance-notes';
import { samplePseudonymKeySecret } from './pseudonym-key-secret';
import { functionLogGroup, functionRole, type FunctionLogsProps } from './function-logs';

export interface AgentFunctionProps {
  readonly serviceName: string;
  readonly namespace: string;
  /** OpenAI chat completions (or any compatible endpoint) or the Amazon Bedrock Converse API (AGENT_PROVIDER). @default 'openai' */
  readonly provider?: LlmProvider;
  /** With `bedrock`, a model id, inference profile id or ARN; the role may invoke only this model. @default 'gpt-4o-mini' (openai), 'amazon.nova-lite-v1:0' (bedrock) */
  readonly model?: string;
  /** @default 0.05 */
  readonly sampleRate?: number;
  readonly dailyBudgetUsd: number;
  /** @default no per-user limit */
  readonly userDailyBudgetUsd?: number;
  /** Share of the daily budget past which spend warns (BUDGET_SOFT_THRESHOLD; the daily-budget alarm uses the same). @default 0.8 */
  readonly budgetSoftThreshold?: number;
  readonly budgetTable: dynamodb.ITable;
  readonly samplesTable: dynamodb.ITable;
  /** The OpenAI API key (OPENAI_API_KEY_SECRET_ID): required with the openai provider, refused with bedrock. */
  readonly apiKeySecret?: secretsmanager.ISecret;
  /** The key of the samples' user and session id pseudonyms (SAMPLE_PSEUDONYM_KEY_SECRET_ID). @default a secret generated for this deployment */
  readonly pseudonymKeySecret?: secretsmanager.ISecret;
  /** Sets the deadline, the provider timeout and the Lambda timeout (tierTimeouts). @default 'real-time-chat' */
  readonly latencyTier?: LatencyTier;
  /** @default one year, AWS-owned encryption */
  readonly logs?: FunctionLogsProps;
  /** Reserved concurrency: the most instances the agent runs, kept free of the account's other functions. @default none */
  readonly reservedConcurrency?: number;
}

/**
 * The example agent Lambda: the tool-calling agent inside the monitoring wrapper, on OpenAI or
 * Amazon Bedrock. Its role may write its own logs, update the budget counters, put samples,
 * read the key that pseudonymizes user and session ids in samples, and reach its model: read
 * the OpenAI key, or invoke exactly the configured Bedrock model.
 */
export class AgentFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly pseudonymKeySecret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: AgentFunctionProps) {
    super(scope, id);
    this.logGroup = functionLogGroup(this, 'Logs', props.logs);
    const provider = props.provider ?? 'openai';
    const model = props.model ?? defaultModelFor(provider);
    const apiKeySecret = openAiKeyFor('AgentFunction', provider, props.apiKeySecret);
    const reaches = provider === 'openai' ? 'reads the OpenAI and pseudonym keys' : 'reads the pseudonym key; invokes its Bedrock model';
    const role = functionRole(this, 'Role', this.logGroup, `agent: writes its own logs, budget counters and samples; ${reaches}`);
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], resources: [props.budgetTable.tableArn] }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.samplesTable.tableArn] }));
    apiKeySecret?.grantRead(role);
    if (provider === 'bedrock') grantBedrockModel(role, model);
    this.pseudonymKeySecret = props.pseudonymKeySecret ?? samplePseudonymKeySecret(this, 'PseudonymKey', props.serviceName);
    this.pseudonymKeySecret.grantRead(role);
    const timeouts = tierTimeouts(props.latencyTier ?? 'real-time-chat');
    const environment: Record<string, string> = {
      ...monitoringEnvironment(props.serviceName, props.namespace),
      ...providerEnvironment('AGENT_PROVIDER', provider),
      AGENT_MODEL: model,
      SAMPLE_RATE: String(props.sampleRate ?? 0.05),
      BUDGET_TABLE_NAME: props.budgetTable.tableName,
      SAMPLES_TABLE_NAME: props.samplesTable.tableName,
      DAILY_BUDGET_USD: String(props.dailyBudgetUsd),
      ...(apiKeySecret ? { OPENAI_API_KEY_SECRET_ID: apiKeySecret.secretName } : {}),
      SAMPLE_PSEUDONYM_KEY_SECRET_ID: this.pseudonymKeySecret.secretArn,
      AGENT_DEADLINE_MS: String(timeouts.deadlineSeconds * 1000),
      LLM_TIMEOUT_MS: String(timeouts.llmTimeoutSeconds * 1000),
    };
    if (props.userDailyBudgetUsd !== undefined) environment.USER_DAILY_BUDGET_USD = String(props.userDailyBudgetUsd);
    if (props.budgetSoftThreshold !== undefined) environment.BUDGET_SOFT_THRESHOLD = String(props.budgetSoftThreshold);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      ...functionDefaults('functions/agent/handler.ts'),
      timeout: Duration.seconds(timeouts.functionTimeoutSeconds),
      description: `${props.serviceName} agent with production monitoring`,
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
    });
    acknowledgeNoVpc(this.function);
  }
}
