import { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { LATENCY_TIERS } from '../../../lib/catalog/latency-tiers';
import { DIMENSIONS, METRICS } from '../../../lib/catalog/metrics';
import { AgentDashboard, ContributorInsightsWidget, TopSpendersInsightRule, type AgentDashboardProps } from '../../../lib/constructs/dashboard';
import { EmfWriter } from '../../../functions/shared/monitoring/emf-writer';
import { RequestMonitor } from '../../../functions/shared/monitoring/request-monitor';
import { synthConstructs } from '../../support/synth-construct';

/** Stands in for every CloudFormation token of a Fn::Join (a Ref, a GetAtt, the region). */
const TOKEN = '<token>';

type Resources = Record<string, { Type: string; Properties: any }>;

/** A JSON string property that CloudFormation joins from parts, parsed with tokens as placeholders. */
function joined(value: unknown): any {
  if (typeof value === 'string') return JSON.parse(value);
  const [separator, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : TOKEN)).join(separator));
}

function resourcesOf(template: Template, type: string): Resources[string][] {
  return Object.values(template.toJSON().Resources as Resources).filter((resource) => resource.Type === type);
}

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: any;
}

function synthDashboard(props: (stack: Stack) => AgentDashboardProps = () => ({})): { widgets: Widget[]; template: Template; dashboard: any } {
  const { template } = synthConstructs((stack) => new AgentDashboard(stack, 'Dashboard', props(stack)));
  const [dashboard] = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
  const body = joined(dashboard.Properties.DashboardBody);
  return { widgets: body.widgets, template, dashboard: { ...dashboard.Properties, body } };
}

function widgetTitled(widgets: Widget[], title: string): Widget {
  const widget = widgets.find((w) => w.properties.title === title);
  if (!widget) throw new Error(`no widget titled ${title}; titles: ${widgets.map((w) => w.properties.title).join(' | ')}`);
  return widget;
}

/** The dashboard-body form of one plain metric: [namespace, name, dim, value, ..., options]. */
function metricNamesOf(widget: Widget): string[] {
  return widget.properties.metrics.filter((row: unknown[]) => typeof row[0] === 'string').map((row: unknown[]) => row[1]);
}

function expressionsOf(widget: Widget): string[] {
  return widget.properties.metrics.filter((row: any[]) => row[0]?.expression).map((row: any[]) => row[0].expression);
}

const BASE_TITLES = [
  'Request rate',
  'Error rate',
  'P95 latency',
  'Cost per hour',
  'Requests and errors per minute',
  'Latency (tier real-time-chat)',
  'Tool calls and errors by tool (5 minutes)',
  'Errors by category (5 minutes)',
  'LLM cost by model (USD per hour)',
  'Tokens (5 minutes)',
  'Quality score and drift',
  'Judge backlog',
  'Judge evaluations and failures (hour)',
];

describe('AgentDashboard', () => {
  describe('with defaults', () => {
    let widgets: Widget[];
    let dashboard: any;

    beforeAll(() => {
      ({ widgets, dashboard } = synthDashboard());
    });

    it('lays the widgets out top to bottom in the order operators expect', () => {
      // Assess
      expect(widgets.map((w) => w.properties.title)).toEqual(BASE_TITLES);
      const positions = widgets.map((w) => w.y * 100 + w.x);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(dashboard.DashboardName).toBe('agent-monitoring');
    });

    it('opens with a row of four single values across the full width', () => {
      // Act
      const firstRow = widgets.filter((w) => w.y === 0);

      // Assess
      expect(firstRow.map((w) => w.properties.view)).toEqual(['singleValue', 'singleValue', 'singleValue', 'singleValue']);
      expect(firstRow.reduce((width, w) => width + w.width, 0)).toBe(24);
    });

    it('computes the error rate as the error-rate alarm does: failures less client errors over requests less client errors', () => {
      // Act
      const errorRate = widgetTitled(widgets, 'Error rate');

      // Assess
      expect(expressionsOf(errorRate)).toEqual(['100 * (FILL(errors, 0) - FILL(client_errors, 0)) / (requests - FILL(client_errors, 0))']);
      const ids = Object.fromEntries(
        errorRate.properties.metrics.filter((row: unknown[]) => typeof row[0] === 'string').map((row: any[]) => [row[row.length - 1].id, row.slice(0, -1)]),
      );
      expect(ids).toEqual({
        requests: ['AgentMonitoring', METRICS.requests.name, DIMENSIONS.service, 'agent'],
        errors: ['AgentMonitoring', METRICS.errors.name, DIMENSIONS.service, 'agent'],
        client_errors: ['AgentMonitoring', METRICS.clientErrors.name, DIMENSIONS.service, 'agent'],
      });
    });

    it('shows the request rate per minute, P95 latency and the hourly cost from the catalog metrics', () => {
      // Assess
      expect(expressionsOf(widgetTitled(widgets, 'Request rate'))).toEqual(['requests / (PERIOD(requests) / 60)']);
      expect(metricNamesOf(widgetTitled(widgets, 'Request rate'))).toEqual([METRICS.requests.name]);
      const p95 = widgetTitled(widgets, 'P95 latency').properties.metrics[0];
      expect([p95[1], p95[4].stat]).toEqual([METRICS.duration.name, 'p95']);
      const cost = widgetTitled(widgets, 'Cost per hour').properties.metrics[0];
      expect([cost[1], cost[4].stat, cost[4].period]).toEqual([METRICS.costUsd.name, 'Sum', 3600]);
    });

    it('draws requests with the failed requests over time', () => {
      // Act
      const requests = widgetTitled(widgets, 'Requests and errors per minute');

      // Assess
      expect(metricNamesOf(requests)).toEqual([METRICS.requests.name, METRICS.errors.name]);
      expect(expressionsOf(requests)).toEqual(['FILL(errors, 0)']);
    });

    it('draws the quality score with its threshold line and the drift flag', () => {
      // Act
      const quality = widgetTitled(widgets, 'Quality score and drift');

      // Assess
      expect(metricNamesOf(quality)).toEqual([JUDGE_METRICS.qualityScore.name, JUDGE_METRICS.qualityDrift.name]);
      expect(quality.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 0.8, label: 'Quality threshold 0.8', yAxis: 'left' })]);
    });

    it('draws the judge backlog, the oldest pending age and the judge throughput', () => {
      // Assess
      expect(metricNamesOf(widgetTitled(widgets, 'Judge backlog'))).toEqual([JUDGE_METRICS.backlog.name, JUDGE_METRICS.oldestPendingAgeSeconds.name]);
      expect(metricNamesOf(widgetTitled(widgets, 'Judge evaluations and failures (hour)'))).toEqual([
        JUDGE_METRICS.evaluations.name,
        JUDGE_METRICS.failures.name,
      ]);
    });

    it('has no alarm status, top spenders or Lambda widget when none is given', () => {
      // Assess
      expect(widgets.some((w) => w.type === 'alarm')).toBe(false);
      expect(widgets.some((w) => w.properties.insightRule)).toBe(false);
      expect(widgets.some((w) => /Lambda/.test(w.properties.title))).toBe(false);
    });
  });

  describe('SEARCH expressions over the bounded dimension sets', () => {
    let widgets: Widget[];

    beforeAll(() => {
      ({ widgets } = synthDashboard(() => ({ namespace: 'Support/Agents', serviceName: 'support-bot' })));
    });

    function search(metric: string, dimension: string, statistic: string, period: number): string {
      return `SEARCH('{"Support/Agents","${DIMENSIONS.service}","${dimension}"} MetricName="${metric}" ${DIMENSIONS.service}="support-bot"', '${statistic}', ${period})`;
    }

    it('draws tool calls and tool errors per tool from the `service, tool` set', () => {
      // Act
      const tools = widgetTitled(widgets, 'Tool calls and errors by tool (5 minutes)');

      // Assess
      expect(expressionsOf(tools)).toEqual([
        search(METRICS.toolCalls.name, DIMENSIONS.tool, 'Sum', 300),
        search(METRICS.toolErrors.name, DIMENSIONS.tool, 'Sum', 300),
      ]);
      expect(tools.properties.metrics.map((row: any[]) => row[0].label)).toEqual(["calls ${PROP('Dim.tool')}", "errors ${PROP('Dim.tool')}"]);
    });

    it('draws errors per category from the `service, error_category` set', () => {
      // Act
      const errors = widgetTitled(widgets, 'Errors by category (5 minutes)');

      // Assess
      expect(expressionsOf(errors)).toEqual([search(METRICS.errors.name, DIMENSIONS.errorCategory, 'Sum', 300)]);
    });

    it('draws the hourly cost per model from the `service, model` set', () => {
      // Act
      const cost = widgetTitled(widgets, 'LLM cost by model (USD per hour)');

      // Assess
      expect(expressionsOf(cost)).toEqual([search(METRICS.costUsd.name, DIMENSIONS.model, 'Sum', 3600)]);
    });

    it('reads every plain metric from the configured namespace and service', () => {
      // Act
      const rows = widgets.flatMap((w) => (w.properties.metrics ?? []).filter((row: unknown[]) => typeof row[0] === 'string'));

      // Assess
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows) {
        expect(row[0]).toBe('Support/Agents');
        expect(row.slice(2, -1)).toEqual(expect.arrayContaining([DIMENSIONS.service, 'support-bot']));
      }
    });
  });

  it.each(Object.entries(LATENCY_TIERS))('draws the %s tier targets as horizontal lines on the latency graph', (tier, targets) => {
    // Act
    const { widgets } = synthDashboard(() => ({ latencyTier: tier as keyof typeof LATENCY_TIERS }));

    // Assess
    const latency = widgetTitled(widgets, `Latency (tier ${tier})`);
    expect(latency.properties.metrics.map((row: any[]) => [row[1], row[4].stat])).toEqual([
      [METRICS.duration.name, 'p50'],
      [METRICS.duration.name, 'p95'],
      [METRICS.duration.name, 'p99'],
    ]);
    expect(latency.properties.annotations.horizontal.map((a: any) => [a.label, a.value])).toEqual([
      [`P50 target ${targets.p50} s`, targets.p50],
      [`P95 target ${targets.p95} s`, targets.p95],
      [`P99 target ${targets.p99} s`, targets.p99],
    ]);
  });

  it('draws the configured quality threshold', () => {
    // Act
    const { widgets } = synthDashboard(() => ({ qualityThreshold: 0.65 }));

    // Assess
    const quality = widgetTitled(widgets, 'Quality score and drift');
    expect(quality.properties.annotations.horizontal.map((a: any) => a.value)).toEqual([0.65]);
  });

  it('adds Lambda health and, at the bottom, the status of every alarm given and where the recent alerts are', () => {
    // Act
    const { widgets } = synthDashboard((stack) => ({
      agentFunction: lambda.Function.fromFunctionArn(stack, 'Agent', 'arn:aws:lambda:us-east-1:123456789012:function:agent-fn'),
      judgeFunction: lambda.Function.fromFunctionArn(stack, 'Judge', 'arn:aws:lambda:us-east-1:123456789012:function:judge-fn'),
      alarms: ['a', 'b', 'c'].map(
        (id) => new cloudwatch.Alarm(stack, id, { metric: new cloudwatch.Metric({ namespace: 'N', metricName: id }), threshold: 1, evaluationPeriods: 1 }),
      ),
    }));

    // Assess
    expect(widgets.map((w) => w.properties.title)).toEqual([
      ...BASE_TITLES,
      'Lambda errors and throttles (5 minutes)',
      'Lambda duration P95 and concurrency (5 minutes)',
      'Alarm status',
      undefined,
    ]);
    const lambdaRows = widgetTitled(widgets, 'Lambda errors and throttles (5 minutes)').properties.metrics;
    expect(lambdaRows.map((row: any[]) => [row[0], row[1], row[3]])).toEqual([
      ['AWS/Lambda', 'Errors', 'agent-fn'],
      ['AWS/Lambda', 'Throttles', 'agent-fn'],
      ['AWS/Lambda', 'Errors', 'judge-fn'],
      ['AWS/Lambda', 'Throttles', 'judge-fn'],
    ]);
    const [status, alerts] = widgets.slice(-2);
    expect(status.type).toBe('alarm');
    expect(status.width).toBe(24);
    expect(status.properties.alarms).toEqual([TOKEN, TOKEN, TOKEN]);
    expect(alerts.type).toBe('text');
    expect(alerts.width).toBe(24);
    expect(alerts.properties.markdown).toMatch(/^### Recent alerts\n\nCloudWatch dashboards cannot list the alerts sent\./);
    expect(alerts.properties.markdown).toContain('`aws cloudwatch describe-alarm-history --alarm-types MetricAlarm CompositeAlarm --history-item-type Action');
    expect(alerts.properties.markdown).toContain("#alarmsV2:?~(search~'agent-')");
  });

  it.each<[string, AgentDashboardProps, RegExp]>([
    ['an unknown latency tier', { latencyTier: 'instant' as never }, /latencyTier must be one of real-time-chat, document-analysis/],
    ['a quality threshold of 0', { qualityThreshold: 0 }, /qualityThreshold must be in \(0, 1\], got 0/],
    ['a namespace with a quote', { namespace: 'Agent"s' }, /cannot use the name "Agent\\"s"/],
  ])('refuses %s', (_case, props, message) => {
    // Act
    const build = () => new AgentDashboard(new Stack(), 'Dashboard', props);

    // Assess
    expect(build).toThrow(message);
  });
});

describe('TopSpendersInsightRule', () => {
  let template: Template;
  let stack: Stack;
  let logGroupId: string;
  let rule: TopSpendersInsightRule;

  beforeAll(() => {
    const synthesized = synthConstructs((scope) => {
      const logGroup = new logs.LogGroup(scope, 'AgentLogs');
      const topSpenders = new TopSpendersInsightRule(scope, 'TopSpenders', { logGroup, serviceName: 'support-bot' });
      new AgentDashboard(scope, 'Dashboard', { serviceName: 'support-bot', topSpenders });
      return { logGroup, topSpenders };
    });
    ({ template, stack } = synthesized);
    logGroupId = stack.getLogicalId(synthesized.built.logGroup.node.defaultChild as logs.CfnLogGroup);
    rule = synthesized.built.topSpenders;
  });

  function ruleBody(): any {
    const [insightRule] = resourcesOf(template, 'AWS::CloudWatch::InsightRule');
    return insightRule.Properties.RuleBody;
  }

  it('creates one enabled rule named after the service', () => {
    // Act
    const rules = resourcesOf(template, 'AWS::CloudWatch::InsightRule');

    // Assess
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties).toEqual(expect.objectContaining({ RuleName: 'support-bot-top-spenders', RuleState: 'ENABLED' }));
    expect(rule.ruleName).toBe('support-bot-top-spenders');
  });

  it('has a JSON rule body summing costUsd per userId over the agent log group', () => {
    // Act
    const body = joined(ruleBody());

    // Assess
    expect(body).toEqual({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: [TOKEN],
      LogFormat: 'JSON',
      Contribution: {
        Keys: ['$.userId'],
        ValueOf: '$.costUsd',
        Filters: [
          { Match: '$._aws.Timestamp', IsPresent: true },
          { Match: '$.userId', IsPresent: true },
          { Match: '$.costUsd', GreaterThan: 0 },
        ],
      },
      AggregateOn: 'Sum',
    });
    const tokens = ruleBody()['Fn::Join'][1].filter((part: unknown) => typeof part !== 'string');
    expect(tokens).toEqual([{ Ref: logGroupId }]);
  });

  it('ranks users by the cost the runtime writes, counting only EMF documents with a user and a cost', () => {
    // Prepare
    const lines: string[] = [];
    const writer = new EmfWriter({ namespace: 'AgentMonitoring', serviceName: 'support-bot', sink: (line) => lines.push(line) });
    const price = (_model: string, usage: { promptTokens: number }) => usage.promptTokens / 1000;
    const requests: [string | undefined, number, string[]][] = [
      ['alice', 2000, ['calculator']],
      ['bob', 500, ['calculator', 'search_docs']],
      ['alice', 1000, []],
      [undefined, 3000, []],
      ['carol', 0, []],
    ];
    for (const [index, [userId, promptTokens, tools]] of requests.entries()) {
      const monitor = new RequestMonitor(`req-${index}`, 0, price);
      if (userId) monitor.setProperties({ userId, sessionId: 's-1', feature: 'chat' });
      if (promptTokens > 0) monitor.recordUsage('gpt-4o-mini', { promptTokens, completionTokens: 10 });
      for (const tool of tools) monitor.recordToolCall(tool, true);
      for (const blob of monitor.toBlobs({ timestamp: Date.now(), durationMs: 1200, errorCategory: promptTokens ? undefined : 'rate_limit' })) {
        writer.write(blob);
      }
    }
    lines.push(JSON.stringify({ level: 'INFO', message: 'answered', userId: 'alice', costUsd: 99 }));

    // Act
    const spend = evaluateRule(joined(ruleBody()), lines.map((line) => JSON.parse(line)));

    // Assess
    expect(spend).toEqual({ alice: 3, bob: 0.5 });
  });

  it('draws the top spenders next to the cost by model', () => {
    // Prepare
    const [dashboard] = resourcesOf(template, 'AWS::CloudWatch::Dashboard');

    // Act
    const widgets: Widget[] = joined(dashboard.Properties.DashboardBody).widgets;

    // Assess
    const titles = widgets.map((w) => w.properties.title);
    const index = titles.indexOf('Top spenders (USD per hour, by userId)');
    expect(titles.slice(index - 1, index + 2)).toEqual(['LLM cost by model (USD per hour)', 'Top spenders (USD per hour, by userId)', 'Tokens (5 minutes)']);
    expect(widgets[index]).toEqual(
      expect.objectContaining({
        type: 'metric',
        y: widgets[index - 1].y,
        properties: expect.objectContaining({
          view: 'timeSeries',
          region: TOKEN,
          period: 3600,
          insightRule: { maxContributorCount: 10, orderBy: 'Sum', ruleName: 'support-bot-top-spenders' },
        }),
      }),
    );
  });

  it('offers the rule statistics as INSIGHT_RULE_METRIC math', () => {
    // Act
    const metric = rule.metric('UniqueContributors', 'Users with spend');

    // Assess
    expect(metric.expression).toBe("INSIGHT_RULE_METRIC('support-bot-top-spenders', 'UniqueContributors')");
    expect(metric.label).toBe('Users with spend');
  });

  it.each<[string, () => unknown, RegExp]>([
    ['a rule name with a quote', () => new TopSpendersInsightRule(new Stack(), 'R', { logGroup: logs.LogGroup.fromLogGroupName(new Stack(), 'L', 'l'), ruleName: "it's" }), /ruleName must be/],
    ['a widget period CloudWatch does not offer', () => new ContributorInsightsWidget({ ruleName: 'r', periodSeconds: 120 }), /periodSeconds must be one of 60, 300/],
    ['more than 100 contributors', () => new ContributorInsightsWidget({ ruleName: 'r', maxContributorCount: 101 }), /maxContributorCount must be 1-100/],
  ])('refuses %s', (_case, build, message) => {
    // Assess
    expect(build).toThrow(message);
  });
});

/**
 * Contributor Insights over JSON log events, for the parts of the rule syntax the rule uses:
 * `$.a.b` paths, IsPresent and GreaterThan filters (all must match), Sum of ValueOf per key.
 */
function evaluateRule(body: any, events: Record<string, unknown>[]): Record<string, number> {
  const at = (event: unknown, path: string) => path.slice(2).split('.').reduce<any>((value, key) => value?.[key], event);
  const sums: Record<string, number> = {};
  for (const event of events) {
    const matches = body.Contribution.Filters.every((filter: any) => {
      const value = at(event, filter.Match);
      if ('IsPresent' in filter) return (value !== undefined) === filter.IsPresent;
      if ('GreaterThan' in filter) return typeof value === 'number' && value > filter.GreaterThan;
      throw new Error(`filter ${JSON.stringify(filter)} is not evaluated here`);
    });
    if (!matches) continue;
    const key = body.Contribution.Keys.map((path: string) => at(event, path)).join('|');
    sums[key] = (sums[key] ?? 0) + at(event, body.Contribution.ValueOf);
  }
  return sums;
}
