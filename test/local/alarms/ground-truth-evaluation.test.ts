import { ALARM_IDS, BURN_RATE_TIERS, alarmCatalog, burnWindowId, lambdaBurnWindowId, type AlarmSettings } from '../../../lib/catalog/alarms';
import { AlarmEvaluator, type FillOfAbsentSeries } from '../../../local/alarms';
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

/**
 * `fillOfAbsentSeries`: whether CloudWatch's FILL yields values for a series with no datapoint
 * in the whole range ('fills') or nothing ('empty', the pessimistic case the catalog guards against).
 */
function run(fillOfAbsentSeries: FillOfAbsentSeries, settings: AlarmSettings = {}): Run {
  const store = new MetricStore();
  const definitions = alarmCatalog(settings);
  const evaluator = new AlarmEvaluator({ definitions, store, notifyOkFromInsufficientData: false, fillOfAbsentSeries });
  return { store, lambda: new LambdaMetricsRecorder(store, 'agent-agent'), evaluator };
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

const FULL_WINDOWS = BURN_RATE_TIERS.flatMap((t) => [burnWindowId(t, t.longWindowSeconds), burnWindowId(t, t.shortWindowSeconds)]);
const SLO_WINDOWS = [...FULL_WINDOWS, ...BURN_RATE_TIERS.flatMap((t) => [lambdaBurnWindowId(t, t.longWindowSeconds), lambdaBurnWindowId(t, t.shortWindowSeconds)])];

function inAlarm(r: Run): string[] {
  return r.evaluator.states().filter((s) => s.state === 'ALARM').map((s) => s.id);
}

function pages(r: Run): string[] {
  return r.evaluator.notifications().filter((n) => n.severity === 'critical' && n.state === 'ALARM').map((n) => n.alarmId);
}

/** Minutes `from` to `to` (exclusive) of ten successful invocations each whose EMF never reaches the store. */
function invokedWithoutEmf(r: Run, from: number, to: number): void {
  for (let m = from; m < to; m++) {
    for (let i = 0; i < 10; i++) r.lambda.invocation({ startMs: at(m + i / 10), durationMs: 1000, failed: false });
    r.evaluator.evaluate(at(m + 1));
  }
}

/** Minutes 10 to 25 of invocations whose EMF never reaches the store, after 10 good minutes. */
function emfLost(r: Run): void {
  minutes(r, 0, 10, () => 'ok');
  invokedWithoutEmf(r, 10, 25);
}

function firstAlarmAt(r: Run, id: string): number | undefined {
  return r.evaluator.history().find((t) => t.alarmId === id && t.to === 'ALARM')?.time;
}

describe.each<FillOfAbsentSeries>(['fills', 'empty'])('the ground-truth alarms evaluated on the runtime’s EMF and the agent’s AWS/Lambda metrics (FILL of an absent series: %s)', (mode) => {
  it('half of the requests refused as invalid_input for an hour warn once, burn no error budget and page no one', () => {
    // Prepare
    const r = run(mode);

    // Act
    minutes(r, 0, 60, (_m, i) => (i < 5 ? 'invalid' : 'ok'));

    // Assess
    // invoked is a condition, not a symptom: in ALARM whenever the agent runs, notifying no one.
    expect(inAlarm(r)).toEqual([ALARM_IDS.invalidInputRate, ALARM_IDS.agentInvoked]);
    expect(r.evaluator.notifications().map((n) => [n.alarmId, n.severity, n.state])).toEqual([[ALARM_IDS.invalidInputRate, 'warning', 'ALARM']]);
    for (const id of [ALARM_IDS.errorRate, ...SLO_WINDOWS, ALARM_IDS.monitoringSilent, ALARM_IDS.agentUnhealthy]) expect([id, r.evaluator.state(id).state]).toEqual([id, 'OK']);
  });

  it('three crashes in ten, which the wrapper never counts, fire lambda-errors and the fast burn, and page once through unhealthy', () => {
    // Prepare
    const r = run(mode);
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
    const r = run(mode);

    // Act
    minutes(r, 0, 20, (_m, i) => (i < 2 ? 'throttle' : 'ok'));

    // Assess
    const alarms = inAlarm(r);
    expect(alarms).toContain(ALARM_IDS.lambdaThrottles);
    expect(alarms).toContain(ALARM_IDS.sloFastBurn);
    expect(alarms).not.toContain(ALARM_IDS.lambdaErrors);
    expect(r.evaluator.notifications().filter((n) => n.alarmId === ALARM_IDS.lambdaThrottles).map((n) => [n.severity, n.state])).toEqual([['warning', 'ALARM']]);
  });

  it('invocations whose EMF never arrives fire monitoring-silent within 15 minutes and page through unhealthy', () => {
    // Prepare
    const r = run(mode);

    // Act: the agent keeps running, but from minute 10 no EMF reaches the store.
    emfLost(r);

    // Assess
    expect(inAlarm(r)).toEqual(expect.arrayContaining([ALARM_IDS.monitoringSilent, ALARM_IDS.agentUnhealthy]));
    expect(pages(r)).toEqual([ALARM_IDS.agentUnhealthy]);
    expect(firstAlarmAt(r, ALARM_IDS.monitoringSilent)).toBeLessThanOrEqual(at(25));
  });

  it('at zero traffic nothing fires and nothing notifies: only the building block that sees no request is in ALARM', () => {
    // Prepare
    const r = run(mode);

    // Act
    for (let m = 0; m < 60; m++) r.evaluator.evaluate(at(m + 1));

    // Assess
    expect(inAlarm(r)).toEqual([ALARM_IDS.monitoringSilentAbsent]);
    expect(r.evaluator.notifications()).toEqual([]);
  });

  it.each([
    ['with minRequestsPerHour, traffic that stops pages through unhealthy, an hour without any datapoint included', { minRequestsPerHour: 60 }, true],
    ['without minRequestsPerHour, traffic that stops pages no one', {}, false],
  ])('%s', (_case, settings, floor) => {
    // Prepare: an hour of 10 requests a minute, then nothing.
    const r = run(mode, settings);
    for (let m = 0; m < 60; m++) minute(r, m, () => 'ok');
    minutes(r, 60, 61, () => 'ok');
    const busy = inAlarm(r);

    // Act
    for (let m = 61; m < 260; m++) r.evaluator.evaluate(at(m + 1));

    // Assess
    expect(busy).toEqual([ALARM_IDS.agentInvoked]);
    expect(inAlarm(r)).toEqual([ALARM_IDS.monitoringSilentAbsent, ...(floor ? [ALARM_IDS.trafficFloor, ALARM_IDS.agentUnhealthy] : [])]);
    expect(r.evaluator.history().filter((t) => t.alarmId === ALARM_IDS.monitoringSilent).map((t) => t.to)).toEqual(['OK']);
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

describe("with FILL of an absent series empty, the wrapper-reading alarms alone (today's design) would have missed", () => {
  it('crashes the wrapper never counted: the full burn windows stay OK, their -lambda twins burn, so slo-fast-burn fires', () => {
    // Prepare
    const r = run('empty');
    minutes(r, 0, 10, () => 'ok');

    // Act
    minutes(r, 10, 25, (_m, i) => (i < 3 ? 'crash' : 'ok'));

    // Assess
    const fast = BURN_RATE_TIERS[0];
    const full = [fast.longWindowSeconds, fast.shortWindowSeconds].map((seconds) => burnWindowId(fast, seconds));
    for (const id of full) expect([id, r.evaluator.state(id).state]).toEqual([id, 'OK']);
    for (const id of full.map((id) => `${id}-lambda`)) expect([id, r.evaluator.state(id).state]).toEqual([id, 'ALARM']);
    expect(r.evaluator.state(ALARM_IDS.sloFastBurn).state).toBe('ALARM');
  });

  it('throttles: no full window burns, the -lambda twins do', () => {
    // Prepare
    const r = run('empty');

    // Act
    minutes(r, 0, 20, (_m, i) => (i < 2 ? 'throttle' : 'ok'));

    // Assess
    expect(inAlarm(r).filter((id) => FULL_WINDOWS.includes(id))).toEqual([]);
    expect(inAlarm(r)).toEqual(expect.arrayContaining([lambdaBurnWindowId(BURN_RATE_TIERS[0], 300), ALARM_IDS.sloFastBurn]));
  });

  it('metrics that never arrive (a deploy with metrics disabled): monitoring-silent-partial never fires, monitoring-silent does within 15 minutes', () => {
    // Prepare
    const r = run('empty');

    // Act
    invokedWithoutEmf(r, 0, 40);

    // Assess
    expect(firstAlarmAt(r, ALARM_IDS.monitoringSilentPartial)).toBeUndefined();
    expect(inAlarm(r)).toEqual(expect.arrayContaining([ALARM_IDS.monitoringSilentAbsent, ALARM_IDS.agentInvoked, ALARM_IDS.monitoringSilent]));
    expect(firstAlarmAt(r, ALARM_IDS.monitoringSilent)).toBeLessThanOrEqual(at(15));
    expect(pages(r)).toEqual([ALARM_IDS.agentUnhealthy]);
  });

  it('metrics lost for good: monitoring-silent-partial returns to OK once its range holds no request, monitoring-silent stays in ALARM', () => {
    // Prepare
    const r = run('empty');
    emfLost(r);

    // Act
    invokedWithoutEmf(r, 25, 60);

    // Assess
    expect(r.evaluator.history().filter((t) => t.alarmId === ALARM_IDS.monitoringSilentPartial).map((t) => t.to)).toEqual(['OK', 'ALARM', 'OK']);
    expect(r.evaluator.history().filter((t) => t.alarmId === ALARM_IDS.monitoringSilent).map((t) => t.to)).toEqual(['OK', 'ALARM']);
  });

  it('while with FILL that fills, monitoring-silent-partial and the full windows see the same failures', () => {
    // Prepare
    const crashes = run('fills');
    const neverArrived = run('fills');
    minutes(crashes, 0, 10, () => 'ok');

    // Act
    minutes(crashes, 10, 25, (_m, i) => (i < 3 ? 'crash' : 'ok'));
    invokedWithoutEmf(neverArrived, 0, 40);

    // Assess
    expect(inAlarm(crashes)).toEqual(expect.arrayContaining([burnWindowId(BURN_RATE_TIERS[0], 3600), burnWindowId(BURN_RATE_TIERS[0], 300)]));
    expect(neverArrived.evaluator.state(ALARM_IDS.monitoringSilentPartial).state).toBe('ALARM');
  });
});
