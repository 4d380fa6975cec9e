import { ALARM_IDS, CONDITION_ALARM_IDS } from '../../../lib/catalog/alarms';
import { runSimulation } from '../../../local/simulator/run-simulation';
import { loadScenario } from '../../../local/simulator/scenario-loader';
import { parseScenario } from '../../../local/simulator/scenario-validation';
import type { Scenario } from '../../../local/simulator/scenario';
import { simulatorAlarmCatalog } from '../../../local/simulator/simulation-world';

const definitions = simulatorAlarmCatalog();
const nameOf = (id: string) => definitions.find((d) => d.id === id)!.name;
const TIMEOUT_MS = 120_000;

function withPhases(base: Scenario, phases: Scenario['phases'], overrides: Partial<Scenario> = {}): Scenario {
  return parseScenario({ ...base, ...overrides, phases });
}

describe('faults the wrapper cannot see, in the simulator', () => {
  it(
    'half of the EMF lost notifies monitoring-silent within 15 minutes',
    async () => {
      // Prepare
      const scenario = withPhases(loadScenario('metrics-silent'), [{ fromMinute: 30, toMinute: 60, metricsLost: 0.5 }], { name: 'half-lost' });

      // Act
      const { result } = await runSimulation(scenario);

      // Assess
      const silent = result.notifications.find((n) => n.alarm === nameOf(ALARM_IDS.monitoringSilent));
      expect(silent).toBeDefined();
      expect(silent!.minute - 30).toBeLessThanOrEqual(15);
      expect(result.notifications.some((n) => n.alarm === nameOf(ALARM_IDS.agentUnhealthy) && n.severity === 'critical')).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'a quarter of the EMF lost or less stays quiet; more than a quarter fires',
    async () => {
      // Prepare
      const base = loadScenario('metrics-silent');
      const tenth = withPhases(base, [{ fromMinute: 30, toMinute: 60, metricsLost: 0.1 }], { name: 'tenth-lost' });
      const forty = withPhases(base, [{ fromMinute: 30, toMinute: 60, metricsLost: 0.4 }], { name: 'forty-lost' });

      // Act
      const [quiet, loud] = [await runSimulation(tenth), await runSimulation(forty)];

      // Assess
      expect(quiet.result.alarms.map((a) => a.name)).not.toContain(nameOf(ALARM_IDS.monitoringSilent));
      expect(loud.result.alarms.map((a) => a.name)).toContain(nameOf(ALARM_IDS.monitoringSilent));
    },
    TIMEOUT_MS,
  );

  it(
    'the agent with metrics switched off by mistake (POWERTOOLS_METRICS_DISABLED=true) pages the critical topic',
    async () => {
      // Prepare: a healthy hour; the agent's Powertools Metrics read the switch when they are built
      const scenario = withPhases(loadScenario('metrics-silent'), [], { name: 'metrics-disabled' });
      const previous = process.env.POWERTOOLS_METRICS_DISABLED;
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';

      // Act
      let report;
      try {
        report = await runSimulation(scenario);
      } finally {
        if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
        else process.env.POWERTOOLS_METRICS_DISABLED = previous;
      }

      // Assess: no wrapper metric at all, yet the page comes within 15 minutes of the first request
      expect(report.result.summary.total_requests).toBe(0);
      expect(report.details.replies.ok).toBeGreaterThan(1000);
      const page = report.result.notifications.find((n) => n.alarm === nameOf(ALARM_IDS.agentUnhealthy) && n.severity === 'critical');
      expect(page).toBeDefined();
      expect(page!.minute).toBeLessThanOrEqual(15);
      expect(report.result.alarms.map((a) => a.name)).toContain(nameOf(ALARM_IDS.monitoringSilent));
    },
    TIMEOUT_MS,
  );

  it(
    'a quiet 8 hours (3 requests a minute, background errors) with the AWS/Lambda series present sends no notification',
    async () => {
      // Prepare
      const baseline = loadScenario('baseline-24h');
      const scenario = parseScenario({ ...baseline, name: 'quiet-8h', durationMinutes: 480, requestsPerMinute: 3, phases: [{ ...baseline.phases[0], toMinute: 480 }] });

      // Act
      const { result, details } = await runSimulation(scenario);

      // Assess
      expect(details.replies.ok).toBeGreaterThan(1300);
      expect(result.notifications).toEqual([]);
      // Only conditions, never a symptom: invoked is in ALARM while 5 minutes hold 10 successful invocations.
      const conditions = simulatorAlarmCatalog().filter((d) => CONDITION_ALARM_IDS.includes(d.id)).map((d) => d.name);
      expect(result.alarms.map((a) => a.name).filter((name) => !conditions.includes(name))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    'five invalid requests on a quiet service never page, and a provider outage there still pages within 10 minutes',
    async () => {
      // Prepare: 3 requests a minute; minute 20 has only invalid ones, then every request fails with provider_error
      const base = loadScenario('baseline-24h');
      const scenario = parseScenario({
        ...base,
        name: 'quiet-outage',
        durationMinutes: 60,
        requestsPerMinute: 3,
        phases: [
          { fromMinute: 20, toMinute: 22, errors: { invalid_input: 1 } },
          { fromMinute: 40, toMinute: 60, errors: { provider_error: 1 } },
        ],
      });

      // Act
      const { result, details } = await runSimulation(scenario);

      // Assess
      expect(details.replies.invalid_input).toBeGreaterThanOrEqual(3);
      const critical = result.notifications.filter((n) => n.severity === 'critical');
      expect(critical.every((n) => n.minute >= 40)).toBe(true);
      expect(critical.length).toBeGreaterThan(0);
      expect(critical[0].minute - 40).toBeLessThanOrEqual(10);
    },
    TIMEOUT_MS,
  );
});

describe('Lambda phase keys', () => {
  const base = { name: 'x', durationMinutes: 10, requestsPerMinute: 1, seed: 1, traffic: loadScenario('bad-deploy').traffic };

  it.each([
    [{ lambda: { crashes: 2 } }, 'phases[0].lambda.crashes must be a probability in [0, 1], got 2'],
    [{ lambda: { crash: 0.1 } }, 'phases[0].lambda.crash is not a scenario field; allowed here: crashes, throttles, timeouts'],
    [{ lambda: { crashes: 0.6, throttles: 0.6 } }, 'phases[0].lambda probabilities must sum to at most 1, got 1.2'],
    [{ lambda: 'often' }, 'phases[0].lambda must be an object'],
    [{ initFailure: 'yes' }, 'phases[0].initFailure must be true or false, got "yes"'],
    [{ metricsLost: -0.1 }, 'phases[0].metricsLost must be a probability in [0, 1], got -0.1'],
  ])('refuses %j naming the field', (fields, message) => {
    // Act
    const parse = () => parseScenario({ ...base, phases: [{ fromMinute: 0, toMinute: 5, ...fields }] });

    // Assess
    expect(parse).toThrow(message);
  });

  it('accepts every Lambda key together', () => {
    // Act
    const scenario = parseScenario({ ...base, phases: [{ fromMinute: 0, toMinute: 5, lambda: { crashes: 0.1, throttles: 0.2, timeouts: 0.05 }, metricsLost: 0.3, initFailure: false }] });

    // Assess
    expect(scenario.phases[0]).toMatchObject({ lambda: { crashes: 0.1, throttles: 0.2, timeouts: 0.05 }, metricsLost: 0.3, initFailure: false });
  });
});
