import { Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_SERVICE_NAME, PROPERTIES } from '../../catalog/metrics';
import { ContributorInsightsWidget } from './contributor-insights-widget';

export interface TopSpendersInsightRuleProps {
  /** The agent function's log group, where the runtime writes its EMF documents (JSON lines). */
  readonly logGroup: logs.ILogGroup;
  /** Names the rule `<serviceName>-top-spenders`. @default 'agent' */
  readonly serviceName?: string;
  /** @default `${serviceName}-top-spenders` */
  readonly ruleName?: string;
}

/** CloudWatch's rule-name pattern, quotes excluded so the name can sit in INSIGHT_RULE_METRIC('...'). */
const RULE_NAME = /^[\x20-\x21\x23-\x26\x28-\x7E]{1,128}$/;

/** The statistics `INSIGHT_RULE_METRIC` offers for a rule. */
export type InsightRuleStatistic = 'UniqueContributors' | 'MaxContributorValue' | 'SampleCount' | 'Sum' | 'Minimum' | 'Maximum' | 'Average';

/**
 * A Contributor Insights rule ranking users by LLM spend: the sum of the `costUsd` property of
 * the agent's EMF documents, per `userId` property. Per-user spend thus needs no per-user
 * metric (user ids are properties, never dimensions). Requests without a userId, or without
 * cost (a failure before the LLM call), do not count.
 *
 * The full report (every contributor, any time range):
 * `aws cloudwatch get-insight-rule-report --rule-name <ruleName> --start-time <ISO> --end-time <ISO> --period 3600 --max-contributor-count 25 --order-by Sum`,
 * or CloudWatch console > Insights > Contributor Insights > the rule.
 *
 * @example
 * const topSpenders = new TopSpendersInsightRule(this, 'TopSpenders', { logGroup: agent.logGroup, serviceName: 'agent' });
 * new AgentDashboard(this, 'Dashboard', { serviceName: 'agent', topSpenders });
 */
export class TopSpendersInsightRule extends Construct {
  readonly rule: cloudwatch.CfnInsightRule;
  readonly ruleName: string;

  constructor(scope: Construct, id: string, props: TopSpendersInsightRuleProps) {
    super(scope, id);
    this.ruleName = props.ruleName ?? `${props.serviceName ?? DEFAULT_SERVICE_NAME}-top-spenders`;
    if (!Token.isUnresolved(this.ruleName) && !RULE_NAME.test(this.ruleName)) {
      throw new Error(`TopSpendersInsightRule ruleName must be 1-128 printable ASCII characters without quotes, got ${JSON.stringify(this.ruleName)}`);
    }
    this.rule = new cloudwatch.CfnInsightRule(this, 'Rule', {
      ruleName: this.ruleName,
      ruleState: 'ENABLED',
      ruleBody: Stack.of(this).toJsonString(topSpendersRuleBody(props.logGroup.logGroupName)),
    });
  }

  /** The top spenders over time, for a dashboard. */
  widget(options: { readonly width?: number; readonly height?: number; readonly maxContributorCount?: number } = {}): ContributorInsightsWidget {
    return new ContributorInsightsWidget({
      ruleName: this.ruleName,
      title: 'Top spenders (USD per hour, by userId)',
      orderBy: 'Sum',
      periodSeconds: 3600,
      ...options,
    });
  }

  /** A statistic of the rule as a metric, e.g. `UniqueContributors`: users with spend per period. */
  metric(statistic: InsightRuleStatistic, label?: string): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `INSIGHT_RULE_METRIC('${this.ruleName}', '${statistic}')`,
      label: label ?? `${this.ruleName} ${statistic}`,
    });
  }
}

/**
 * The rule body: EMF documents (they carry `_aws`) with a userId and a cost, summed per user.
 * `costUsd` is written only when above 0, so the cost filter also drops failed requests.
 */
export function topSpendersRuleBody(logGroupName: string) {
  return {
    Schema: { Name: 'CloudWatchLogRule', Version: 1 },
    LogGroupNames: [logGroupName],
    LogFormat: 'JSON',
    Contribution: {
      Keys: [`$.${PROPERTIES.userId}`],
      ValueOf: `$.${PROPERTIES.costUsd}`,
      Filters: [
        { Match: '$._aws.Timestamp', IsPresent: true },
        { Match: `$.${PROPERTIES.userId}`, IsPresent: true },
        { Match: `$.${PROPERTIES.costUsd}`, GreaterThan: 0 },
      ],
    },
    AggregateOn: 'Sum',
  };
}
