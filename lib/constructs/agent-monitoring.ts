import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { alarmSettingsFrom } from '../config/alarm-settings';
import type { MonitoringConfig } from '../config/monitoring-config';
import { AgentTables } from './agent-tables';
import { AgentAlarms } from './alarms/agent-alarms';
import { AgentDashboard } from './dashboard/agent-dashboard';
import { TopSpendersInsightRule } from './dashboard/top-spenders';
import type { FunctionLogsProps } from './function-logs';
import { JudgeFunction } from './judge-function';
import { AlertRouter } from './notifications/alert-router';
import { AlertTopics } from './notifications/alert-topics';
import { MonthlyBudget } from './notifications/monthly-budget';

export interface AgentMonitoringProps {
  /** Everything a team configures (lib/config): service name, tier, budgets, recipients, secrets, schedule. */
  readonly config: MonitoringConfig;
  /** The agent Lambda to monitor: the example agent, or a team's own whose handler uses `withMonitoring`. */
  readonly agentFunction: lambda.IFunction;
  /** The agent's log group, where its EMF lands (the top-spenders Contributor Insights rule reads it). */
  readonly agentLogGroup: logs.ILogGroup;
  /** The budget and samples tables the agent writes. @default new tables */
  readonly tables?: AgentTables;
  /**
   * The OpenAI API key the judge uses when `config.judgeProvider` is openai (unused with bedrock:
   * the judge then reads no OpenAI key). @default the secret named `config.openAiSecretName`
   */
  readonly apiKeySecret?: secretsmanager.ISecret;
  /** @default one year, AWS-owned encryption */
  readonly logs?: FunctionLogsProps;
}

/**
 * Attaches production monitoring to an agent Lambda: the judge on its schedule, one SNS topic
 * per severity with e-mail/SMS and the Slack/PagerDuty router, the monthly AWS budget, every
 * alarm of the catalog, the dashboard and the top-spenders rule.
 *
 * @example
 * const monitoring = new AgentMonitoring(this, 'Monitoring', { config, agentFunction: myAgent, agentLogGroup: myAgentLogs });
 * monitoring.tables.budget.grantReadWriteData(myAgent); // when the agent uses the budget guard and capture
 */
export class AgentMonitoring extends Construct {
  readonly tables: AgentTables;
  readonly topics: AlertTopics;
  readonly router: AlertRouter;
  readonly judge: JudgeFunction;
  readonly alarms: AgentAlarms;
  readonly dashboard: AgentDashboard;

  constructor(scope: Construct, id: string, props: AgentMonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.tables = props.tables ?? new AgentTables(this, 'Tables');
    const apiKeySecret =
      config.judgeProvider === 'openai' ? (props.apiKeySecret ?? secretsmanager.Secret.fromSecretNameV2(this, 'OpenAiApiKey', config.openAiSecretName)) : undefined;
    this.topics = new AlertTopics(this, 'Alerts', { serviceName: config.serviceName, email: config.alertEmails, sms: config.smsNumbers });
    this.router = new AlertRouter(this, 'AlertRouter', {
      topics: this.topics.topics,
      slackWebhookSecretName: config.slackWebhookSecretName,
      pagerDutyRoutingKeySecretName: config.pagerDutyRoutingKeySecretName,
      serviceName: config.serviceName,
      metricNamespace: config.metricNamespace,
      logs: props.logs,
    });
    new MonthlyBudget(this, 'MonthlyBudget', { monthlyBudgetUsd: config.monthlyAwsBudgetUsd, topics: this.topics.topics });
    this.judge = new JudgeFunction(this, 'Judge', {
      serviceName: config.serviceName,
      namespace: config.metricNamespace,
      provider: config.judgeProvider,
      model: config.judgeModel,
      schedule: config.judgeSchedule,
      samplesTable: this.tables.samples,
      budgetTable: this.tables.budget,
      dailyBudgetUsd: config.dailyLlmBudgetUsd,
      apiKeySecret,
      driftTopic: this.topics.topics.warning,
      runbookBaseUrl: config.runbookBaseUrl,
      logs: props.logs,
    });
    this.alarms = new AgentAlarms(this, 'Alarms', {
      settings: alarmSettingsFrom(config),
      topics: this.topics.topics,
      agentFunction: props.agentFunction,
      judgeFunction: this.judge.function,
      alertDeadLetterQueue: this.router.deadLetterQueue,
    });
    const topSpenders = new TopSpendersInsightRule(this, 'TopSpenders', { logGroup: props.agentLogGroup, serviceName: config.serviceName });
    this.dashboard = new AgentDashboard(this, 'Dashboard', {
      namespace: config.metricNamespace,
      serviceName: config.serviceName,
      latencyTier: config.latencyTier,
      qualityThreshold: config.qualityThreshold,
      // What an on-call acts on: the alarms that notify. Building blocks of composites (burn
      // windows, the conditions of monitoring-silent) are in ALARM as a matter of course.
      alarms: this.alarms.definitions.filter((d) => d.notify !== undefined).map((d) => this.alarms.alarms.get(d.id)!),
      agentFunction: props.agentFunction,
      judgeFunction: this.judge.function,
      topSpenders,
    });
  }
}
