import { Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from '../catalog/metrics';
import { AgentFunction } from '../constructs/agent-function';
import { AgentTables } from '../constructs/agent-tables';

export interface AgentMonitoringStackProps extends StackProps {
  /** @default 'agent' */
  readonly serviceName?: string;
  /** @default 'AgentMonitoring' */
  readonly namespace?: string;
  /** @default 'gpt-4o-mini' */
  readonly model?: string;
  /** @default 0.05 */
  readonly sampleRate?: number;
  /** @default 50 */
  readonly dailyBudgetUsd?: number;
  /** @default no per-user limit */
  readonly userDailyBudgetUsd?: number;
  /** The Secrets Manager secret holding the OpenAI API key. @default 'agent-monitoring/openai-api-key' */
  readonly openAiSecretName?: string;
}

/** The deployable stack: the example agent, its tables and its secret. */
export class AgentMonitoringStack extends Stack {
  readonly agent: AgentFunction;
  readonly tables: AgentTables;

  constructor(scope: Construct, id: string, props: AgentMonitoringStackProps = {}) {
    super(scope, id, props);
    this.tables = new AgentTables(this, 'Tables');
    const apiKeySecret = secretsmanager.Secret.fromSecretNameV2(
      this,
      'OpenAiApiKey',
      props.openAiSecretName ?? 'agent-monitoring/openai-api-key',
    );
    this.agent = new AgentFunction(this, 'Agent', {
      serviceName: props.serviceName ?? DEFAULT_SERVICE_NAME,
      namespace: props.namespace ?? DEFAULT_NAMESPACE,
      model: props.model,
      sampleRate: props.sampleRate,
      dailyBudgetUsd: props.dailyBudgetUsd ?? 50,
      userDailyBudgetUsd: props.userDailyBudgetUsd,
      budgetTable: this.tables.budget,
      samplesTable: this.tables.samples,
      apiKeySecret,
    });
  }
}
