import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALARM_IDS } from '../../../lib/catalog/alarms';
import { BUILTIN_EXPECTATIONS, detectionTable, expectationFor } from '../../../local/simulator/builtin-expectations';
import { expectationProblems, measureDetection } from '../../../local/simulator/expectation-check';
import { runSimulation, type SimulationReport } from '../../../local/simulator/run-simulation';
import { BUILTIN_SCENARIOS, loadScenario, type BuiltinScenarioName } from '../../../local/simulator/scenario-loader';
import { simulatorAlarmCatalog } from '../../../local/simulator/simulation-world';
import { LAMBDA_OUTCOMES } from '../../../local/simulator/virtual-lambda';

const definitions = simulatorAlarmCatalog();
const FAULT_SCENARIOS = BUILTIN_SCENARIOS.filter((name) => name !== 'baseline-24h');
/** Every scenario but the one whose EMF is lost on purpose. */
const WRAPPER_SEES_ALL = FAULT_SCENARIOS.filter((name) => name !== 'metrics-silent');

describe('built-in fault scenarios', () => {
  const reports = new Map<BuiltinScenarioName, SimulationReport>();

  beforeAll(async () => {
    for (const name of FAULT_SCENARIOS) reports.set(name, await runSimulation(loadScenario(name)));
  }, 300_000);

  it.each(FAULT_SCENARIOS)('%s fires its intended alarms within the documented detection time, and none it must not', (name) => {
    // Prepare
    const expectation = expectationFor(name);
    const { result } = reports.get(name)!;

    // Act
    const problems = expectationProblems(expectation, result, definitions);
    const measured = measureDetection(expectation, result, definitions);

    // Assess
    expect(problems).toEqual([]);
    expect(measured.length).toBeGreaterThan(0);
    for (const detection of measured) expect(detection.alarmAfterMinutes).toBeGreaterThanOrEqual(0);
  });

  it.each(WRAPPER_SEES_ALL)('%s: the summary read from the metric store agrees with the replies the handler returned', (name) => {
    // Prepare: requests that Lambda failed or throttled never reached the wrapper
    const { result, details } = reports.get(name)!;
    const handled = Object.entries(details.replies).filter(([outcome]) => !Object.values(LAMBDA_OUTCOMES).includes(outcome));
    const replies = handled.reduce((sum, [, count]) => sum + count, 0);
    const failed = replies - (details.replies.ok ?? 0);

    // Assess
    expect(result.summary.total_requests).toBe(replies);
    expect(result.summary.error_rate).toBeCloseTo(failed / replies, 5);
    expect(result.summary.p50_latency).toBeGreaterThan(0);
    expect(result.summary.p50_latency).toBeLessThanOrEqual(result.summary.p95_latency);
    expect(result.summary.p95_latency).toBeLessThanOrEqual(result.summary.p99_latency);
    expect(result.summary.total_tokens).toBeGreaterThan(0);
    expect(result.summary.total_cost).toBeGreaterThan(0);
    expect(details.judgeErrors).toEqual([]);
  });

  it.each(FAULT_SCENARIOS)('%s never fires the alerting path alarms (the simulator has no alert router)', (name) => {
    // Prepare
    const { result } = reports.get(name)!;
    const alerting = definitions.filter((d) => d.id === ALARM_IDS.alertDeliveryFailures || d.id === ALARM_IDS.alertDeadLetters).map((d) => d.name);

    // Assess
    expect(alerting).toHaveLength(2);
    expect(result.alarms.filter((alarm) => alerting.includes(alarm.name))).toEqual([]);
    expect(result.notifications.filter((notification) => alerting.includes(notification.alarm))).toEqual([]);
  });

  it('provider-outage pages once, through provider-outage, and unhealthy’s page is suppressed', () => {
    // Prepare
    const { result } = reports.get('provider-outage')!;
    const name = (id: string) => definitions.find((d) => d.id === id)!.name;

    // Assess
    const pages = result.notifications.filter((n) => n.severity === 'critical' && result.alarms.some((a) => a.name === n.alarm && a.firstAlarmMinute === n.minute));
    expect(pages.map((page) => page.alarm)).toEqual([name('provider-outage')]);
    expect(result.alarms.map((alarm) => alarm.name)).toContain(name('unhealthy'));
  });

  it('quality-drift judges at least 30 scores on each side of the drift (baseline and window)', () => {
    // Prepare
    const scenario = loadScenario('quality-drift');
    const { details } = reports.get('quality-drift')!;
    const faultStart = expectationFor('quality-drift').faultStartMinute!;

    // Assess: scores come at SAMPLE_RATE × rate per minute; both sides of the fault hold ≥ 30
    expect(details.judgeFailures).toBe(0);
    expect(details.judgeErrors).toEqual([]);
    expect(details.judgedSamples).toBeGreaterThan(0);
    const perMinute = details.judgedSamples / scenario.durationMinutes;
    expect(perMinute * faultStart).toBeGreaterThanOrEqual(30);
    expect(perMinute * (scenario.durationMinutes - faultStart)).toBeGreaterThanOrEqual(30);
  });
});

describe('builtin expectations', () => {
  it('cover every built-in scenario, and the README table lists each intended alarm with its cold and, where it differs, warm limits', () => {
    // Act
    const table = detectionTable();

    // Assess
    expect(BUILTIN_EXPECTATIONS.map((e) => e.scenario).sort()).toEqual([...BUILTIN_SCENARIOS].sort());
    for (const expectation of BUILTIN_EXPECTATIONS) {
      expect(table).toContain(`| ${expectation.scenario} | ${expectation.fault} |`);
      for (const alarm of expectation.intended) {
        const warm = (cold: number, warmMinutes = cold) => (warmMinutes === cold ? `${cold} min` : `${cold} min (warm ${warmMinutes} min)`);
        expect(table).toContain(`| ${alarm.id} | ${warm(alarm.alarmWithinMinutes, alarm.warm?.alarmWithinMinutes)} | ${warm(alarm.notifiedWithinMinutes, alarm.warm?.notifiedWithinMinutes)} |`);
      }
    }
    expect(readFileSync(join(__dirname, '../../../local/simulator/README.md'), 'utf8')).toContain(table);
  });

  it('name only alarms of the catalog the simulator evaluates', () => {
    const ids = new Set(definitions.map((d) => d.id));
    for (const expectation of BUILTIN_EXPECTATIONS) {
      const named = [...expectation.intended.map((a) => a.id), ...(expectation.forbidden === '*' ? [] : expectation.forbidden), ...(expectation.unnotified ?? [])];
      for (const id of named) expect(ids).toContain(id);
    }
  });
});
