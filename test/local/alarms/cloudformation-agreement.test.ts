import * as sns from 'aws-cdk-lib/aws-sns';
import { alarmCatalog, type AlarmSettings, type CompositeAlarmDefinition, type Severity } from '../../../lib/catalog/alarms';
import { AgentAlarms } from '../../../lib/constructs/alarms';
import { AlarmEvaluator, compileMetricAlarm } from '../../../local/alarms';
import { parseAlarmRule } from '../../../local/alarms/alarm-rule-text';
import {
  CLOUDWATCH_ALARM,
  CLOUDWATCH_COMPOSITE_ALARM,
  comparableFromCloudFormation,
  comparableFromLocal,
  type CloudFormationResource,
  type ComparableAlarm,
} from '../../../local/alarms/cloudformation-alarm';
import { MetricStore } from '../../../local/metrics';
import { synthConstructs } from '../../support/synth-construct';

const SETTINGS: AlarmSettings = {
  serviceName: 'support-bot',
  namespace: 'SupportBot',
  latencyTier: 'document-analysis',
  dailyBudgetUsd: 80,
  monitoredTools: ['calculator', 'search_docs'],
};

/** The template of AgentAlarms built from `settings`, and the local evaluator's view of the same catalog. */
function synthesizedAndLocal(settings: AlarmSettings) {
  const { stack, template, built: topics } = synthConstructs((scope) => {
    const severityTopics: Record<Severity, sns.Topic> = {
      critical: new sns.Topic(scope, 'Critical'),
      warning: new sns.Topic(scope, 'Warning'),
      info: new sns.Topic(scope, 'Info'),
    };
    new AgentAlarms(scope, 'Alarms', { settings, topics: severityTopics });
    return severityTopics;
  });
  const resources = template.toJSON().Resources as Record<string, CloudFormationResource>;
  const alarmResources = Object.entries(resources).filter(([, r]) => r.Type === CLOUDWATCH_ALARM || r.Type === CLOUDWATCH_COMPOSITE_ALARM);
  const reader = {
    alarmName: (logicalId: string) => String(resources[logicalId]?.Properties?.AlarmName),
    value: (value: unknown) => JSON.stringify(value),
  };
  const fromTemplate = new Map(alarmResources.map(([, resource]) => {
    const alarm = comparableFromCloudFormation(resource, reader);
    return [alarm.name, alarm] as const;
  }));
  const catalog = alarmCatalog(settings);
  const evaluator = new AlarmEvaluator({ definitions: catalog, store: new MetricStore() });
  const compiled = new Map(evaluator.compiledAlarms().map((alarm) => [alarm.definition.id, alarm]));
  const nameOf = (id: string) => catalog.find((d) => d.id === id)?.name ?? `unknown alarm ${id}`;
  const topicOf = (severity: Severity) => JSON.stringify(stack.resolve(topics[severity].topicArn));
  const local = (id: string): ComparableAlarm => {
    const definition = catalog.find((d) => d.id === id)!;
    return comparableFromLocal(compiled.get(id) ?? (definition as CompositeAlarmDefinition), nameOf, topicOf);
  };
  return { alarmResources, fromTemplate, catalog, compiled, nameOf, topicOf, local };
}

const CASES: readonly (readonly [string, AlarmSettings])[] = [
  ['the default alarms', SETTINGS],
  ['with the traffic floor', { ...SETTINGS, minRequestsPerHour: 30 }],
];

describe.each(CASES)('the local evaluator agrees with the synthesized CloudFormation alarms (%s)', (_case, settings) => {
  const { alarmResources, fromTemplate, catalog, compiled, nameOf, topicOf, local } = synthesizedAndLocal(settings);

  it('has exactly the alarms the template has, no more, no fewer, the ground-truth alarms included', () => {
    // Assess
    expect([...fromTemplate.keys()].sort()).toEqual(catalog.map((d) => d.name).sort());
    expect(alarmResources.length).toBe(catalog.length);
    const groundTruth = [
      'lambda-errors-critical',
      'monitoring-silent-critical',
      'monitoring-silent-partial-info',
      'monitoring-silent-absent-info',
      'invoked-info',
      'lambda-throttles-warning',
      'lambda-concurrency-warning',
      'invalid-input-rate-warning',
      'slo-fast-burn-1h-lambda-info',
      'slo-slow-burn-2h-lambda-info',
    ];
    const floor = settings.minRequestsPerHour === undefined ? [] : ['traffic-floor-critical'];
    for (const name of [...groundTruth, ...floor]) expect(fromTemplate.has(`support-bot-${name}`)).toBe(true);
    expect(fromTemplate.has('support-bot-traffic-floor-critical')).toBe(floor.length > 0);
  });

  it.each(catalog.map((d) => [d.id, d.kind] as const))('%s (%s alarm): metric, statistic, period, threshold, comparison, N, M, missing data, rule, suppressor, topics', (id) => {
    // Act
    const expected = fromTemplate.get(nameOf(id));
    const actual = local(id);

    // Assess
    expect(expected).toBeDefined();
    expect(actual).toEqual(expected);
  });

  it('would notice a difference: a changed threshold or period does not agree', () => {
    // Prepare
    const errorRate = compiled.get('error-rate')!;
    const changed = compileMetricAlarm({ ...errorRate.definition, threshold: errorRate.definition.threshold + 1, periodSeconds: 300 });

    // Act
    const comparable = comparableFromLocal(changed, nameOf, topicOf);

    // Assess
    expect(comparable).not.toEqual(fromTemplate.get(errorRate.definition.name));
    expect(comparable).toMatchObject({ threshold: errorRate.definition.threshold + 1 });
  });
});

describe('parseAlarmRule', () => {
  it('reads the AlarmRule syntax aws-cdk-lib renders', () => {
    // Act
    const rule = parseAlarmRule('(ALARM("a") OR (ALARM("b") AND ALARM("c")))');

    // Assess
    expect(rule).toEqual({ anyOf: [{ alarm: 'a' }, { allOf: [{ alarm: 'b' }, { alarm: 'c' }] }] });
  });

  it.each([
    ['ALARM("a") AND ALARM("b") OR ALARM("c")', 'at position 26: AND and OR mixed without parentheses'],
    ['NOT ALARM("a")', 'at position 0: expected ALARM("...") or "(", found "NOT"'],
    ['(ALARM("a")', 'expected ")"'],
  ])('refuses %s', (text, problem) => {
    // Act
    const parse = () => parseAlarmRule(text);

    // Assess
    expect(parse).toThrow(problem);
  });
});
