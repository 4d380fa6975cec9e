import {
  ALARM_IDS,
  alarmCatalog,
  catalogProblems,
  evaluateAlarmRule,
  renderAlarmRule,
  type CompositeAlarmDefinition,
  type MetricAlarmDefinition,
} from '../../../lib/catalog/alarms';

function agentUnhealthy(): CompositeAlarmDefinition {
  return alarmCatalog().find((d) => d.id === ALARM_IDS.agentUnhealthy) as CompositeAlarmDefinition;
}

describe('alarm rules', () => {
  const rule = { anyOf: [{ alarm: 'a' }, { allOf: [{ alarm: 'b' }, { alarm: 'c' }] }] };

  it('renders CloudWatch AlarmRule syntax as aws-cdk-lib does', () => {
    // Act
    const text = renderAlarmRule(rule, (id) => `arn:${id}`);

    // Assess
    expect(text).toBe('(ALARM("arn:a") OR (ALARM("arn:b") AND ALARM("arn:c")))');
  });

  it.each([
    [[], false],
    [['a'], true],
    [['b'], false],
    [['b', 'c'], true],
  ])('evaluates to ALARM with %j in ALARM: %s', (inAlarm, expected) => {
    // Act
    const result = evaluateAlarmRule(rule, (id) => (inAlarm as string[]).includes(id));

    // Assess
    expect(result).toBe(expected);
  });
});

describe('catalogProblems', () => {
  it('reports illegal periods, evaluation ranges over a day, M over N, duplicates and unknown children', () => {
    // Prepare
    const [errorRate] = alarmCatalog();
    const broken = { ...(errorRate as MetricAlarmDefinition), periodSeconds: 90, evaluationPeriods: 2000, datapointsToAlarm: 3000 };
    const unhealthy = agentUnhealthy();
    const orphan = { ...unhealthy, id: 'orphan', name: 'orphan', actionsSuppressor: { alarm: 'provider-outage', waitSeconds: 0, extensionSeconds: 1800 } };

    // Act
    const problems = catalogProblems([broken, broken, orphan]);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'alarm error-rate: period 90 s is not 10, 20, 30 or a multiple of 60',
        'alarm error-rate: period × evaluation periods is 180000 s, over 86400 s',
        'alarm error-rate: datapoints to alarm must be between 1 and the evaluation periods',
        'alarm id error-rate is used twice',
        'alarm orphan names latency-p99, which is not defined before it',
        'alarm orphan names provider-outage, which is not defined before it',
        'alarm orphan: actions suppressor wait period must be a whole number of seconds, at least 1',
      ]),
    );
  });
});
