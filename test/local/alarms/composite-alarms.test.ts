import type { AlarmDefinition } from '../../../lib/catalog/alarms';
import { AlarmEvaluator } from '../../../local/alarms';
import { cloudWatchDate } from '../../../local/alarms/reasons';
import { MetricStore } from '../../../local/metrics';
import { compositeAlarm, metricAlarm, TEST_DIMENSIONS, TEST_NAMESPACE } from '../../support/alarm-definitions';
import { at } from '../../support/emf-lines';

/** One value per minute for each metric, from minute 0 on. */
function storeWith(series: Record<string, readonly number[]>): MetricStore {
  const store = new MetricStore();
  for (const [metricName, values] of Object.entries(series)) {
    values.forEach((value, minute) => store.addDatapoint({ namespace: TEST_NAMESPACE, metricName, dimensions: TEST_DIMENSIONS }, at(minute + 0.5), value));
  }
  return store;
}

/** `count` zeros or ones: `minutes(0, 2, 1, 3)` is 0, 0, 1, 1, 1. */
function minutes(...runs: number[]): number[] {
  const values: number[] = [];
  for (let i = 0; i < runs.length; i += 2) values.push(...Array<number>(runs[i + 1]).fill(runs[i]));
  return values;
}

/** Evaluates at the start of minutes 1..last; each 1-of-1 child sees the previous minute. */
function run(definitions: AlarmDefinition[], store: MetricStore, last: number): AlarmEvaluator {
  const evaluator = new AlarmEvaluator({ definitions, store, notifyOkFromInsufficientData: false });
  for (let minute = 1; minute <= last; minute++) evaluator.evaluate(at(minute));
  return evaluator;
}

function minuteOf(time: number): number {
  return (time - at(0)) / 60_000;
}

describe('composite alarms', () => {
  const a = metricAlarm('a', 'a.errors');
  const b = metricAlarm('b', 'b.errors');
  const anyOf = compositeAlarm('any', { rule: { anyOf: [{ alarm: 'a' }, { alarm: 'b' }] } });
  const allOf = compositeAlarm('all', { rule: { allOf: [{ alarm: 'a' }, { alarm: 'b' }] } });
  // a breaches in minutes 1-3, b in minutes 2-4: a is in ALARM at evaluations 2-4, b at 3-5.
  const store = () => storeWith({ 'a.errors': minutes(0, 1, 1, 3, 0, 5), 'b.errors': minutes(0, 2, 1, 3, 0, 4) });

  it('anyOf is in ALARM while any child is, allOf while every child is, with the children as reason', () => {
    // Act
    const evaluator = run([a, b, anyOf, allOf], store(), 8);

    // Assess
    const transitions = (id: string) => evaluator.history().filter((t) => t.alarmId === id).map((t) => [minuteOf(t.time), t.to, t.reason]);
    expect(transitions('any')).toEqual([
      [1, 'OK', 'agent-a-warning transitioned to OK at ' + cloudWatchDate(at(1)) + '; agent-b-warning transitioned to OK at ' + cloudWatchDate(at(1))],
      [2, 'ALARM', `agent-a-warning transitioned to ALARM at ${cloudWatchDate(at(2))}`],
      [6, 'OK', `agent-b-warning transitioned to OK at ${cloudWatchDate(at(6))}`],
    ]);
    expect(transitions('all')).toEqual([
      [1, 'OK', expect.any(String)],
      [3, 'ALARM', `agent-a-warning transitioned to ALARM at ${cloudWatchDate(at(2))}; agent-b-warning transitioned to ALARM at ${cloudWatchDate(at(3))}`],
      [5, 'OK', `agent-a-warning transitioned to OK at ${cloudWatchDate(at(5))}`],
    ]);
  });

  it("notifies a composite's topic with its rule and the children that triggered it", () => {
    // Act
    const evaluator = run([a, b, anyOf, allOf], store(), 4);

    // Assess
    const [notification] = evaluator.notifications().filter((n) => n.alarmId === 'all');
    expect(notification).toMatchObject({ state: 'ALARM', severity: 'critical', time: at(3) });
    expect(notification.message).toMatchObject({
      AlarmRule: '(ALARM("agent-a-warning") AND ALARM("agent-b-warning"))',
      TriggeringChildren: [
        { Arn: 'arn:aws:cloudwatch:local:000000000000:alarm:agent-a-warning', State: { Value: 'ALARM' } },
        { Arn: 'arn:aws:cloudwatch:local:000000000000:alarm:agent-b-warning', State: { Value: 'ALARM' } },
      ],
    });
    expect(notification.alert.details).toMatchObject({ triggeringChildren: ['agent-a-warning: ALARM', 'agent-b-warning: ALARM'] });
    expect(notification.slack.text).toBe('[CRITICAL] ALARM: agent-all-critical');
  });

  it('refuses a composite that names an alarm not defined before it', () => {
    // Act
    const create = () => new AlarmEvaluator({ definitions: [anyOf, a, b], store: new MetricStore() });

    // Assess
    expect(create).toThrow('composite alarm any names a, which is not defined before it');
  });
});

describe('actions suppressor', () => {
  const child = metricAlarm('child', 'child.errors', { notify: 'info' });
  const outage = metricAlarm('outage', 'outage.errors', { notify: 'critical', severity: 'critical' });
  const unhealthy = compositeAlarm('unhealthy', {
    rule: { anyOf: [{ alarm: 'child' }] },
    actionsSuppressor: { alarm: 'outage', waitSeconds: 180, extensionSeconds: 600 },
  });
  const definitions = [child, outage, unhealthy];

  function composite(evaluator: AlarmEvaluator) {
    return {
      transitions: evaluator.history().filter((t) => t.alarmId === 'unhealthy').map((t) => [minuteOf(t.time), t.to, t.actionsSuppressedBy]),
      notifications: evaluator.notifications().filter((n) => n.alarmId === 'unhealthy').map((n) => [minuteOf(n.time), n.state, n.delayedBy]),
    };
  }

  it('waits WaitPeriod for the suppressor, then notifies when it never came', () => {
    // Prepare: the child breaches from minute 1 on; the suppressor never.
    const store = storeWith({ 'child.errors': minutes(0, 1, 1, 9), 'outage.errors': minutes(0, 10) });

    // Act
    const evaluator = run(definitions, store, 9);

    // Assess: ALARM at minute 2, held 180 s, notified at minute 5.
    expect(composite(evaluator)).toEqual({
      transitions: [
        [1, 'OK', undefined],
        [2, 'ALARM', 'WaitPeriod'],
      ],
      notifications: [[5, 'ALARM', 'WaitPeriod']],
    });
    expect(evaluator.state('unhealthy').actionsSuppressedBy).toBeUndefined();
  });

  it('never notifies when the suppressor arrives within WaitPeriod and the composite recovers within ExtensionPeriod', () => {
    // Prepare: the child breaches in minutes 1-9; the suppressor in minutes 2-5.
    const store = storeWith({ 'child.errors': minutes(0, 1, 1, 9, 0, 15), 'outage.errors': minutes(0, 2, 1, 4, 0, 19) });

    // Act
    const evaluator = run(definitions, store, 20);

    // Assess: the suppressor is in ALARM at evaluations 3-6 and leaves it at minute 7 (extension to 17);
    // the composite is in ALARM at 2-10 and recovers at 11, within the extension.
    expect(composite(evaluator)).toEqual({
      transitions: [
        [1, 'OK', undefined],
        [2, 'ALARM', 'WaitPeriod'],
        [11, 'OK', 'ExtensionPeriod'],
      ],
      notifications: [],
    });
    expect(evaluator.notifications().map((n) => [n.alarmId, minuteOf(n.time), n.state])).toEqual([
      ['child', 2, 'ALARM'],
      ['outage', 3, 'ALARM'],
      ['outage', 7, 'OK'],
      ['child', 11, 'OK'],
    ]);
  });

  it('notifies late, when ExtensionPeriod ends, a composite still in ALARM', () => {
    // Prepare: the child breaches from minute 1 on; the suppressor in minutes 2-5.
    const store = storeWith({ 'child.errors': minutes(0, 1, 1, 24), 'outage.errors': minutes(0, 2, 1, 4, 0, 19) });

    // Act
    const evaluator = run(definitions, store, 20);

    // Assess: held by the wait (2), the suppressor (3-6) and the extension (7-16); sent at 17.
    expect(composite(evaluator).notifications).toEqual([[17, 'ALARM', 'ExtensionPeriod']]);
  });

  it('holds every action while the suppressor is in ALARM', () => {
    // Prepare: the suppressor breaches from minute 1 on; the child from minute 3.
    const store = storeWith({ 'child.errors': minutes(0, 3, 1, 7), 'outage.errors': minutes(0, 1, 1, 9) });

    // Act
    const evaluator = run(definitions, store, 8);

    // Assess
    expect(composite(evaluator)).toEqual({ transitions: [[1, 'OK', undefined], [4, 'ALARM', 'Alarm']], notifications: [] });
    expect(evaluator.state('unhealthy')).toMatchObject({ state: 'ALARM', actionsSuppressedBy: 'Alarm' });
  });
});
