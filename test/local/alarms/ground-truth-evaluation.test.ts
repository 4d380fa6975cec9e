import { ALARM_IDS, BURN_RATE_TIERS, alarmCatalog, burnWindowId, type AlarmSettings } from '../../../lib/catalog/alarms';
import { AlarmEvaluator } from '../../../local/alarms';
import { LambdaMetricsRecorder } from '../../../local/lambda/lambda-metrics-recorder';
import { MetricStore } from '../../../local/metrics';
import { at, requestLines } from '../../support/emf-lines';

/** How each of one minute's ten requests ends: served, refused as invalid_input, crashed in Lambda (no EMF), or throttled. */
type Outcome = 'ok' | 'invalid' | 'crash' | 'throttle';

interface Run {
  readonly store: MetricStore;
  readonly lambda: LambdaMetricsRecorder;
  readonly evaluator: AlarmEvaluator;
}

function run(settings: AlarmSettings = {}): Run {
  const store = new MetricStore();
  const definitions = alarmCatalog(settings);
  return { store, lambda: new LambdaMetricsRecorder(store, 'agent-agent'), evaluator: new AlarmEvaluator({ definitions, store, notifyOkFromInsufficientData: false }) };
}

/** One minute of ten requests through the real EMF writer and the local Lambda metrics; `outcome(i)` decides request i. */
function minute(r: Run, m: number, outcome: (i: number) => Outcome): void {
  for (let i = 0; i < 10; i++) {
    const startMs = at(m + i / 10);
    const ends = outcome(i);
    if (ends === 'throttle') {
      r.lambda.throttle(startMs);
      continue;
    }
    r.lambda.invocation({ startMs, durationMs: 1000, failed: ends === 'crash' });
    if (ends === 'crash') continue;
    const lines = requestLines({ timestamp: startMs, durationMs: 1000, errorCategory: ends === 'invalid' ? 'invalid_input' : undefined });
    for (const line of lines) r.store.ingestEmf(line);
  }
}

/** Minutes `from` to `to` (exclusive) of traffic, each evaluated at its end, as CloudWatch does. */
function minutes(r: Run, from: number, to: number, outcome: (m: number, i: number) => Outcome): void {
  for (let m = from; m < to; m++) {
    minute(r, m, (i) => outcome(m, i));
    r.evaluator.evaluate(at(m + 1));
  }
}

const SLO_WINDOWS = BURN_RATE_TIERS.flatMap((t) => [burnWindowId(t, t.longWindowSeconds), burnWindowId(t, t.shortWindowSeconds)]);

function inAlarm(r: Run): string[] {
  return r.evaluator.states().filter((s) => s.state === 'ALARM').map((s) => s.id);
}

function pages(r: Run): string[] {
  return r.evaluator.notifications().filter((n) => n.severity === 'critical' && n.state === 'ALARM').map((n) => n.alarmId);
}

describe('the ground-truth alarms evaluated on the runtime’s EMF and the agent’s AWS/Lambda metrics', () => {
  it('half of the requests refused as invalid_input for an hour warn once, burn no error budget and page no one', () => {
    // Prepare
    const r = run();

    // Act
    minutes(r, 0, 60, (_m, i) => (i < 5 ? 'invalid' : 'ok'));

    // Assess
    expect(inAlarm(r)).toEqual([ALARM_IDS.invalidInputRate]);
    expect(r.evaluator.notifications().map((n) => [n.alarmId, n.severity, n.state])).toEqual([[ALARM_IDS.invalidInputRate, 'warning', 'ALARM']]);
    for (const id of [ALARM_IDS.errorRate, ...SLO_WINDOWS, ALARM_IDS.monitoringSilent, ALARM_IDS.agentUnhealthy]) expect([id, r.evaluator.state(id).state]).toEqual([id, 'OK']);
  });

  it('three crashes in ten, which the wrapper never counts, fire lambda-errors and the fast burn, and page once through agent-unhealthy', () => {
    // Prepare
    const r = run();
    minutes(r, 0, 10, () => 'ok');

    // Act
    minutes(r, 10, 25, (_m, i) => (i < 3 ? 'crash' : 'ok'));

    // Assess
    const alarms = inAlarm(r);
    for (const id of [ALARM_IDS.lambdaErrors, ALARM_IDS.sloFastBurn, ALARM_IDS.agentUnhealthy]) expect(alarms).toContain(id);
    expect(alarms).not.toContain(ALARM_IDS.errorRate);
    expect(alarms).not.toContain(ALARM_IDS.monitoringSilent);
    expect(pages(r)).toEqual([ALARM_IDS.agentUnhealthy]);
    const lambdaErrors = r.evaluator.history().find((t) => t.alarmId === ALARM_IDS.lambdaErrors && t.to === 'ALARM')!;
    expect(lambdaErrors.time).toBeLessThanOrEqual(at(15));
  });

  it('two throttled requests in ten warn on lambda-throttles and burn the SLO: throttles are failures users saw', () => {
    // Prepare
    const r = run();

    // Act
    minutes(r, 0, 20, (_m, i) => (i < 2 ? 'throttle' : 'ok'));

    // Assess
    const alarms = inAlarm(r);
    expect(alarms).toContain(ALARM_IDS.lambdaThrottles);
    expect(alarms).toContain(ALARM_IDS.sloFastBurn);
    expect(alarms).not.toContain(ALARM_IDS.lambdaErrors);
    expect(r.evaluator.notifications().filter((n) => n.alarmId === ALARM_IDS.lambdaThrottles).map((n) => [n.severity, n.state])).toEqual([['warning', 'ALARM']]);
  });

  it('invocations whose EMF never arrives fire monitoring-silent and page through agent-unhealthy', () => {
    // Prepare: the agent keeps running, but from minute 10 no EMF reaches the store.
    const r = run();
    minutes(r, 0, 10, () => 'ok');

    // Act
    for (let m = 10; m < 25; m++) {
      for (let i = 0; i < 10; i++) r.lambda.invocation({ startMs: at(m + i / 10), durationMs: 1000, failed: false });
      r.evaluator.evaluate(at(m + 1));
    }

    // Assess
    expect(inAlarm(r)).toEqual(expect.arrayContaining([ALARM_IDS.monitoringSilent, ALARM_IDS.agentUnhealthy]));
    expect(pages(r)).toEqual([ALARM_IDS.agentUnhealthy]);
  });

  it.each([
    ['with minRequestsPerHour, traffic that stops pages through agent-unhealthy, an hour without any datapoint included', { minRequestsPerHour: 60 }, true],
    ['without minRequestsPerHour, traffic that stops pages no one', {}, false],
  ])('%s', (_case, settings, floor) => {
    // Prepare: an hour of 10 requests a minute, then nothing.
    const r = run(settings);
    for (let m = 0; m < 60; m++) minute(r, m, () => 'ok');
    minutes(r, 60, 61, () => 'ok');
    const busy = inAlarm(r);

    // Act
    for (let m = 61; m < 260; m++) r.evaluator.evaluate(at(m + 1));

    // Assess
    expect(busy).toEqual([]);
    expect(inAlarm(r)).toEqual(floor ? [ALARM_IDS.trafficFloor, ALARM_IDS.agentUnhealthy] : []);
    expect(pages(r)).toEqual(floor ? [ALARM_IDS.agentUnhealthy] : []);
    expect(r.evaluator.notifications().filter((n) => n.severity === 'critical' && n.state === 'OK')).toEqual([]);
    if (floor) {
      // It fires once the last hour holds fewer than 60 invocations, and stays: no recovery while nothing arrives.
      const floorHistory = r.evaluator.history().filter((t) => t.alarmId === ALARM_IDS.trafficFloor);
      expect(floorHistory.map((t) => t.to)).toEqual(['OK', 'ALARM']);
      expect(floorHistory[1].time).toBeLessThanOrEqual(at(116));
      expect(floorHistory[1].reason).toMatch(/less than the threshold \(60(\.0)?\)/);
    }
  });
});
