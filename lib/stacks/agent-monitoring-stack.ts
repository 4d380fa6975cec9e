import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { monitoringConfigFrom, type MonitoringConfig } from '../config/monitoring-config';
import { AgentFunction } from '../constructs/agent-function';
import { AgentMonitoring } from '../constructs/agent-monitoring';
import { AgentTables } from '../constructs/agent-tables';
import { logsEncryptionKey } from '../constructs/function-logs';

export interface AgentMonitoringStackProps extends StackProps {
  /** Everything a team configures; read from CDK context by bin/app.ts. @default the defaults of lib/config */
  readonly config?: MonitoringConfig;
}

/**
 * The deployable stack: the example agent and its tables, with `AgentMonitoring` attached
 * (judge, alerting by severity, the monthly AWS budget, the catalog's alarms, the dashboard).
 */
export class AgentMonitoringStack extends Stack {
  readonly config: MonitoringConfig;
  readonly tables: AgentTables;
  readonly agent: AgentFunction;
  readonly monitoring: AgentMonitoring;

  constructor(scope: Construct, id: string, props: AgentMonitoringStackProps = {}) {
    super(scope, id, props);
    const config = (this.config = props.config ?? monitoringConfigFrom({}));
    const logs = { encryptionKey: logsEncryptionKey(this, 'LogsKey') };
    this.tables = new AgentTables(this, 'Tables');
    const usesOpenAi = config.agentProvider === 'openai' || config.judgeProvider === 'openai';
    const apiKeySecret = usesOpenAi ? secretsmanager.Secret.fromSecretNameV2(this, 'OpenAiApiKey', config.openAiSecretName) : undefined;
    this.agent = new AgentFunction(this, 'Agent', {
      serviceName: config.serviceName,
      namespace: config.metricNamespace,
      provider: config.agentProvider,
      model: config.model,
      sampleRate: config.sampleRate,
      latencyTier: config.latencyTier,
      dailyBudgetUsd: config.dailyLlmBudgetUsd,
      userDailyBudgetUsd: config.userDailyLlmBudgetUsd,
      budgetSoftThreshold: config.budgetSoftThreshold,
      budgetTable: this.tables.budget,
      samplesTable: this.tables.samples,
      apiKeySecret: config.agentProvider === 'openai' ? apiKeySecret : undefined,
      logs,
      reservedConcurrency: config.agentReservedConcurrency,
    });
    this.monitoring = new AgentMonitoring(this, 'Monitoring', {
      config,
      agentFunction: this.agent.function,
      agentLogGroup: this.agent.logGroup,
      tables: this.tables,
      apiKeySecret: config.judgeProvider === 'openai' ? apiKeySecret : undefined,
      logs,
    });
    this.outputs();
  }

  /** What a person needs after `cdk deploy`: the functions to invoke, the topics to subscribe to, the dashboard. */
  private outputs(): void {
    new CfnOutput(this, 'AgentFunctionName', { value: this.agent.function.functionName, description: 'aws lambda invoke --function-name <this>' });
    new CfnOutput(this, 'JudgeFunctionName', { value: this.monitoring.judge.function.functionName });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboard.dashboardName });
    for (const [severity, topic] of Object.entries(this.monitoring.topics.topics)) {
      new CfnOutput(this, `AlertTopic${severity[0].toUpperCase()}${severity.slice(1)}`, { value: topic.topicArn, description: `${severity} alerts` });
    }
  }
}
