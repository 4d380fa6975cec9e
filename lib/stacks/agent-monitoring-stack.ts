import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { alarmSettingsFrom } from '../config/alarm-settings';
import { monitoringConfigFrom, type MonitoringConfig } from '../config/monitoring-config';
import { AgentFunction } from '../constructs/agent-function';
import { AgentTables } from '../constructs/agent-tables';
import { AgentAlarms } from '../constructs/alarms/agent-alarms';
import { AgentDashboard } from '../constructs/dashboard/agent-dashboard';
import { TopSpendersInsightRule } from '../constructs/dashboard/top-spenders';
import { logsEncryptionKey } from '../constructs/function-logs';
import { JudgeFunction } from '../constructs/judge-function';
import { AlertRouter } from '../constructs/notifications/alert-router';
import { AlertTopics } from '../constructs/notifications/alert-topics';
import { MonthlyBudget } from '../constructs/notifications/monthly-budget';

export interface AgentMonitoringStackProps extends StackProps {
  /** Everything a team configures; read from CDK context by bin/app.ts. @default DEFAULT_MONITORING_CONFIG */
  readonly config?: MonitoringConfig;
}

/**
 * The deployable stack: the example agent, its tables, the scheduled judge, alerting by severity (SNS, e-mail,
 * SMS, the Slack/PagerDuty router), the monthly AWS budget, the alarms from the catalog and
 * the dashboard.
 */
export class AgentMonitoringStack extends Stack {
  readonly config: MonitoringConfig;
  readonly tables: AgentTables;
  readonly agent: AgentFunction;
  readonly topics: AlertTopics;
  readonly router: AlertRouter;
  readonly alarms: AgentAlarms;
  readonly judge: JudgeFunction;

  constructor(scope: Construct, id: string, props: AgentMonitoringStackProps = {}) {
    super(scope, id, props);
    const config = (this.config = props.config ?? monitoringConfigFrom({}));
    const logs = { encryptionKey: logsEncryptionKey(this, 'LogsKey') };
    this.tables = new AgentTables(this, 'Tables');
    const apiKeySecret = secretsmanager.Secret.fromSecretNameV2(this, 'OpenAiApiKey', config.openAiSecretName);
    this.agent = new AgentFunction(this, 'Agent', {
      serviceName: config.serviceName,
      namespace: config.metricNamespace,
      model: config.model,
      sampleRate: config.sampleRate,
      dailyBudgetUsd: config.dailyLlmBudgetUsd,
      userDailyBudgetUsd: config.userDailyLlmBudgetUsd,
      budgetTable: this.tables.budget,
      samplesTable: this.tables.samples,
      apiKeySecret,
      logs,
    });
    this.topics = new AlertTopics(this, 'Alerts', { serviceName: config.serviceName, email: config.alertEmails, sms: config.smsNumbers });
    this.router = new AlertRouter(this, 'AlertRouter', {
      topics: this.topics.topics,
      slackWebhookSecretName: config.slackWebhookSecretName,
      pagerDutyRoutingKeySecretName: config.pagerDutyRoutingKeySecretName,
      serviceName: config.serviceName,
      metricNamespace: config.metricNamespace,
      logs,
    });
    new MonthlyBudget(this, 'MonthlyBudget', { monthlyBudgetUsd: config.monthlyAwsBudgetUsd, topics: this.topics.topics });
    this.judge = new JudgeFunction(this, 'Judge', {
      serviceName: config.serviceName,
      namespace: config.metricNamespace,
      model: config.judgeModel,
      schedule: config.judgeSchedule,
      samplesTable: this.tables.samples,
      budgetTable: this.tables.budget,
      dailyBudgetUsd: config.dailyLlmBudgetUsd,
      apiKeySecret,
      driftTopic: this.topics.topics.warning,
      logs,
    });
    this.alarms = new AgentAlarms(this, 'Alarms', {
      settings: alarmSettingsFrom(config),
      topics: this.topics.topics,
      judgeFunction: this.judge.function,
      alertDeadLetterQueue: this.router.deadLetterQueue,
    });
    const topSpenders = new TopSpendersInsightRule(this, 'TopSpenders', { logGroup: this.agent.logGroup, serviceName: config.serviceName });
    const dashboard = new AgentDashboard(this, 'Dashboard', {
      namespace: config.metricNamespace,
      serviceName: config.serviceName,
      latencyTier: config.latencyTier,
      qualityThreshold: config.qualityThreshold,
      alarms: [...this.alarms.alarms.values()],
      agentFunction: this.agent.function,
      judgeFunction: this.judge.function,
      topSpenders,
    });
    this.outputs(dashboard);
  }

  /** What a person needs after `cdk deploy`: the functions to invoke, the topics to subscribe to, the dashboard. */
  private outputs(dashboard: AgentDashboard): void {
    new CfnOutput(this, 'AgentFunctionName', { value: this.agent.function.functionName, description: 'aws lambda invoke --function-name <this>' });
    new CfnOutput(this, 'JudgeFunctionName', { value: this.judge.function.functionName });
    new CfnOutput(this, 'DashboardName', { value: dashboard.dashboard.dashboardName });
    for (const [severity, topic] of Object.entries(this.topics.topics)) {
      new CfnOutput(this, `AlertTopic${severity[0].toUpperCase()}${severity.slice(1)}`, { value: topic.topicArn, description: `${severity} alerts` });
    }
  }
}
