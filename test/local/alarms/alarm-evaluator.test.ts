import { SLACK_COLORS } from '../../../functions/alert-router/slack-payload';
import { alarmCatalog, type MissingData } from '../../../lib/catalog/alarms';
import { AlarmEvaluator, requiredRetentionSeconds } from '../../../local/alarms';
import { MetricStore } from '../../../local/metrics';
import { metricAlarm, metricRef, TEST_DIMENSIONS, TEST_NAMESPACE } from '../../support/alarm-definitions';
import { at } from '../../support/emf-lines';

const ERRORS = 'agent.requests.errors';

/** Puts `values[m]` in minute m (undefined: nothing that minute). */
function storeWith(values: readonly (number | undefined)[], metricName = ERRORS, store = new MetricStore()): MetricStore {
  values.forEach((value, minute) => {
    if (value !== undefined) store.addDatapoint({ namespace: TEST_NAMESPACE, metricName, dimensions: TEST_DIMENSIONS }, at(minute + 0.5), value);
  });
  return store;
}

/** Errors Sum > 5 per minute, 2 of 3, notifying the warning topic. */
const TWO_OF_THREE = metricAlarm('errors', ERRORS, { threshold: 5, evaluationPeriods: 3, datapointsToAlarm: 2 });

describe('AlarmEvaluator, metric alarms', () => {
  it('starts every alarm in INSUFFICIENT_DATA', () => {
    // Act
    const evaluator = new AlarmEvaluator({ definitions: [TWO_OF_THREE], store: new MetricStore() });

    // Assess
    expect(evaluator.states()).toEqual([
      expect.objectContaining({ id: 'errors', name: 'agent-errors-warning', kind: 'metric', state: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation' }),
    ]);
    expect(evaluator.history()).toEqual([]);
  });

  it('goes OK → ALARM → OK with CloudWatch reasons, evaluating each minute', () => {
    // Prepare
    const store = storeWith([1, 7, 6, 9, 1, 1, 1]);
    const seen: string[] = [];
    const evaluator = new AlarmEvaluator({ definitions: [TWO_OF_THREE], store, onTransition: (t) => seen.push(`${t.from}->${t.to}`) });

    // Act
    for (let minute = 1; minute <= 7; minute++) evaluator.evaluate(at(minute) + 5_000);

    // Assess
    expect(evaluator.history().map(({ from, to, time, reason }) => ({ from, to, time, reason }))).toEqual([
      {
        from: 'INSUFFICIENT_DATA',
        to: 'OK',
        time: at(1) + 5_000,
        reason: 'Threshold Crossed: 3 out of the last 3 datapoints [1.0] were not greater than the threshold (5.0) (2 missing datapoints treated as [NonBreaching]) (minimum 2 datapoints for ALARM -> OK transition).',
      },
      {
        from: 'OK',
        to: 'ALARM',
        time: at(3) + 5_000,
        reason: 'Threshold Crossed: 2 out of the last 3 datapoints [6.0, 7.0] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
      },
      {
        from: 'ALARM',
        to: 'OK',
        time: at(6) + 5_000,
        reason: 'Threshold Crossed: 2 out of the last 3 datapoints [1.0, 1.0] were not greater than the threshold (5.0) (minimum 2 datapoints for ALARM -> OK transition).',
      },
    ]);
    expect(seen).toEqual(['INSUFFICIENT_DATA->OK', 'OK->ALARM', 'ALARM->OK']);
    expect(evaluator.state('errors')).toMatchObject({ state: 'OK', since: at(6) + 5_000, lastValue: 1 });
  });

  it('never reads the minute in progress: only complete minutes count', () => {
    // Prepare: two breaching complete minutes, then a spike in the current minute.
    const store = storeWith([9, 9]);
    store.addDatapoint({ namespace: TEST_NAMESPACE, metricName: ERRORS, dimensions: TEST_DIMENSIONS }, at(2) + 10_000, 1_000);
    const oneOfOne = metricAlarm('spike', ERRORS, { threshold: 100 });
    const evaluator = new AlarmEvaluator({ definitions: [oneOfOne], store });

    // Act
    const during = evaluator.evaluate(at(2) + 50_000);
    const after = evaluator.evaluate(at(3));

    // Assess
    expect(during.transitions.map((t) => t.to)).toEqual(['OK']);
    expect(after.transitions.map((t) => t.to)).toEqual(['ALARM']);
  });

  it('reads a sliding window: a five-minute period ends at the evaluation minute, not on a multiple of five', () => {
    // Prepare: 2 errors a minute; the 5-minute sum passes 9 once five minutes are in.
    const store = storeWith([2, 2, 2, 2, 2, 2]);
    const fiveMinutes = metricAlarm('five', ERRORS, { periodSeconds: 300, threshold: 9 });
    const evaluator = new AlarmEvaluator({ definitions: [fiveMinutes], store });

    // Act
    const states = [4, 5, 6].map((minute) => (evaluator.evaluate(at(minute)), evaluator.state('five')));

    // Assess
    expect(states.map((s) => [s.state, s.lastValue])).toEqual([
      ['OK', 8],
      ['ALARM', 10],
      ['ALARM', 10],
    ]);
  });

  // Minutes 0-9, with N = 3 and M = 2; evaluated at minute 10 (range: minutes 5-9), hand-computed per treatment.
  it.each<[string, (number | undefined)[], Record<MissingData, string>]>([
    ['no data at all', [], { missing: 'INSUFFICIENT_DATA', ignore: 'INSUFFICIENT_DATA', breaching: 'ALARM', notBreaching: 'OK' }],
    ['one old breach, then silence', [, , , , , , 9], { missing: 'ALARM', ignore: 'INSUFFICIENT_DATA', breaching: 'ALARM', notBreaching: 'OK' }],
    ['one good datapoint last', [, , , , , , , , , 1], { missing: 'OK', ignore: 'OK', breaching: 'ALARM', notBreaching: 'OK' }],
    ['breach, gap, breach', [, , , , , , , 9, , 9], { missing: 'ALARM', ignore: 'ALARM', breaching: 'ALARM', notBreaching: 'ALARM' }],
    ['just one recent breach', [, , , , , , , , , 9], { missing: 'INSUFFICIENT_DATA', ignore: 'INSUFFICIENT_DATA', breaching: 'ALARM', notBreaching: 'OK' }],
  ])('%s', (_, values, expected) => {
    // Prepare
    const treatments = Object.keys(expected) as MissingData[];
    const evaluators = treatments.map((treatMissingData) => new AlarmEvaluator({ definitions: [{ ...TWO_OF_THREE, treatMissingData }], store: storeWith(values) }));

    // Act
    const states = evaluators.map((evaluator) => (evaluator.evaluate(at(10)), evaluator.state('errors').state));

    // Assess
    expect(Object.fromEntries(treatments.map((t, i) => [t, states[i]]))).toEqual(expected);
  });

  it('keeps raw values for the percentiles its alarms read, and evaluates them through metric math', () => {
    // Prepare
    const store = new MetricStore({ rawValueMetrics: [] });
    const latency = metricAlarm('latency', 'agent.request.duration_seconds', {
      metric: undefined,
      math: { expression: 'IF(samples >= 10, p90, 0)', label: 'P90', metrics: { p90: metricRef('agent.request.duration_seconds', 'p90'), samples: metricRef('agent.request.duration_seconds', 'SampleCount') } },
      threshold: 2,
    });
    const evaluator = new AlarmEvaluator({ definitions: [latency], store });
    for (let i = 1; i <= 10; i++) store.addDatapoint({ namespace: TEST_NAMESPACE, metricName: 'agent.request.duration_seconds', dimensions: TEST_DIMENSIONS }, at(0.5), i / 2);

    // Act
    evaluator.evaluate(at(1));

    // Assess: p90 of 0.5 … 5.0 is 4.5.
    expect(store.keepsRawValues('agent.request.duration_seconds')).toBe(true);
    expect(evaluator.state('latency')).toMatchObject({ state: 'ALARM', lastValue: 4.5 });
  });
});

describe('requiredRetentionSeconds', () => {
  it("is the longest evaluation range of the alarms: three one-day periods for the catalog's daily windows", () => {
    // Prepare
    const hourly = metricAlarm('hourly', ERRORS, { periodSeconds: 3600, evaluationPeriods: 2, datapointsToAlarm: 2 });

    // Act
    const catalogRetention = requiredRetentionSeconds(alarmCatalog());
    const hourlyRetention = requiredRetentionSeconds([TWO_OF_THREE, hourly]);

    // Assess
    expect(catalogRetention).toBe(3 * 86_400);
    expect(hourlyRetention).toBe(4 * 3600);
  });
});

describe('AlarmEvaluator notifications', () => {
  it("notifies the definition's topic on ALARM and OK, in the deployed router's Slack format", () => {
    // Prepare
    const store = storeWith([9, 0]);
    const evaluator = new AlarmEvaluator({ definitions: [metricAlarm('errors', ERRORS)], store, notifyOkFromInsufficientData: false });

    // Act
    const alarm = evaluator.evaluate(at(1)).notifications;
    const ok = evaluator.evaluate(at(4)).notifications;

    // Assess
    expect(alarm).toHaveLength(1);
    const [notification] = alarm;
    expect(notification).toMatchObject({ alarmId: 'errors', name: 'agent-errors-warning', severity: 'warning', state: 'ALARM', time: at(1) });
    expect(notification.alert).toMatchObject({
      title: 'ALARM: agent-errors-warning',
      severity: 'warning',
      state: 'ALARM',
      reason: notification.reason,
      runbookUrl: 'https://github.com/acme/agent/blob/main/docs/runbooks/alarms/errors.md',
      time: new Date(at(1)).toISOString(),
      key: 'agent-errors-warning',
    });
    expect(notification.slack.text).toBe('[WARNING] ALARM: agent-errors-warning');
    expect(notification.slack.attachments[0]).toMatchObject({
      color: SLACK_COLORS.warning,
      title_link: 'https://github.com/acme/agent/blob/main/docs/runbooks/alarms/errors.md',
      footer: 'arn:aws:cloudwatch:local:000000000000:alarm:agent-errors-warning',
      ts: Math.floor(at(1) / 1000),
    });
    expect(notification.slack.attachments[0].fields.map((f) => f.title)).toEqual(['Severity', 'State', 'Reason', 'Runbook']);
    expect(notification.message).toMatchObject({ NewStateValue: 'ALARM', OldStateValue: 'INSUFFICIENT_DATA', Trigger: { MetricName: ERRORS, Statistic: 'SUM', Threshold: 0 } });
    expect(ok.map((n) => [n.state, n.alert.title])).toEqual([['OK', 'OK: agent-errors-warning']]);
  });

  it('sends the first OK as CloudWatch does unless told not to, and nothing for alarms without a topic', () => {
    // Prepare
    const definitions = [metricAlarm('noisy', ERRORS), metricAlarm('silent', ERRORS, { notify: undefined })];
    const faithful = new AlarmEvaluator({ definitions, store: new MetricStore() });
    const quiet = new AlarmEvaluator({ definitions, store: new MetricStore(), notifyOkFromInsufficientData: false });

    // Act
    const first = faithful.evaluate(at(1));
    const quietFirst = quiet.evaluate(at(1));

    // Assess
    expect(first.transitions.map((t) => `${t.alarmId}:${t.to}`)).toEqual(['noisy:OK', 'silent:OK']);
    expect(first.notifications.map((n) => `${n.alarmId}:${n.state}`)).toEqual(['noisy:OK']);
    expect(quietFirst.notifications).toEqual([]);
    expect(faithful.notifications()).toHaveLength(1);
  });

  it('sends nothing for INSUFFICIENT_DATA', () => {
    // Prepare
    const store = storeWith([9]);
    const evaluator = new AlarmEvaluator({ definitions: [metricAlarm('errors', ERRORS, { treatMissingData: 'missing' })], store });

    // Act
    const results = [1, 2, 3, 4].map((minute) => evaluator.evaluate(at(minute)));

    // Assess: ALARM at 1, still ALARM while the breach is in the range, INSUFFICIENT_DATA once it is not.
    expect(results.map((r) => r.transitions.map((t) => t.to))).toEqual([['ALARM'], [], [], ['INSUFFICIENT_DATA']]);
    expect(results.map((r) => r.notifications.length)).toEqual([1, 0, 0, 0]);
    expect(evaluator.state('errors').reason).toBe('Insufficient Data: 3 datapoints were unknown.');
  });
});
