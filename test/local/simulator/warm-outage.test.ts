import { runSimulation, type SimulationReport } from '../../../local/simulator/run-simulation';
import type { Scenario } from '../../../local/simulator/scenario';
import { simulatorAlarmCatalog } from '../../../local/simulator/simulation-world';

const OUTAGE_START = 30;
/** A 15-minute total outage (every request HTTP 503) in an hour of steady traffic. */
const OUTAGE: Scenario = {
  name: 'fifteen-minute-outage',
  durationMinutes: 60,
  requestsPerMinute: 20,
  seed: 1515,
  traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1200, p95: 3000 }, promptTokens: 1500, completionTokens: 300, toolCallsPerRequest: 1, quality: 0.9 },
  phases: [{ fromMinute: OUTAGE_START, toMinute: OUTAGE_START + 15, errors: { service_unavailable: 1 } }],
};

const definitions = simulatorAlarmCatalog();
const nameOf = (id: string) => definitions.find((d) => d.id === id)!.name;

describe('a 15-minute outage on a warm service (warmupHours 24) and on a cold one', () => {
  let cold: SimulationReport;
  let warm: SimulationReport;

  beforeAll(async () => {
    cold = await runSimulation(OUTAGE);
    warm = await runSimulation({ ...OUTAGE, warmupHours: 24 });
  }, 180_000);

  /** Notifications of an alarm sent while it was in ALARM, up to the end of the outage's first minute (the evaluation at minute 31). */
  function alarmNotificationsInFirstMinute(report: SimulationReport, id: string): number[] {
    return report.result.notifications.filter((n) => n.alarm === nameOf(id) && n.minute <= OUTAGE_START + 1).map((n) => n.minute);
  }

  it('cold, the 1-day window holds only the run: the slow-burn warning is sent in the outage’s first minute', () => {
    // Assess
    expect(alarmNotificationsInFirstMinute(cold, 'slo-slow-burn')).toEqual([OUTAGE_START + 1]);
  });

  it('warm, the 1-day window holds a day of healthy traffic: no slow-burn warning in the outage’s first minute', () => {
    // Assess
    expect(alarmNotificationsInFirstMinute(warm, 'slo-slow-burn')).toEqual([]);
  });

  it('warm, the outage still pages within minutes, and the drill reports nothing from before its minute 0', () => {
    // Prepare
    const page = warm.result.notifications.find((n) => n.alarm === nameOf('provider-outage') && n.severity === 'critical');

    // Assess
    expect(page?.minute).toBeLessThanOrEqual(OUTAGE_START + 5);
    expect(Math.min(...warm.result.notifications.map((n) => n.minute))).toBeGreaterThan(0);
    expect(Math.min(...warm.result.alarms.flatMap((alarm) => alarm.transitions.map((t) => t.minute)))).toBeGreaterThan(0);
  });

  it('the warm-up draws its own numbers: the drill itself sends the same requests, warm or cold', () => {
    // Assess
    expect(warm.result.summary).toEqual(cold.result.summary);
    expect(warm.details.replies).toEqual(cold.details.replies);
  });
});
