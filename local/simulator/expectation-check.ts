import { CONDITION_ALARM_IDS, type AlarmDefinition } from '../../lib/catalog/alarms';
import { limitsOf, type ScenarioExpectation, type StartKind } from './builtin-expectations';
import type { SimulationResult } from './result';

/** How fast one intended alarm fired in a run, in minutes from the fault's start. */
export interface MeasuredDetection {
  readonly id: string;
  /** Undefined when the alarm never reached ALARM. */
  readonly alarmAfterMinutes?: number;
  /** Undefined when no ALARM notification of the alarm was sent. */
  readonly notifiedAfterMinutes?: number;
}

/**
 * Measures each intended alarm of `expectation` in `result`. A notification counts when it
 * was sent while the alarm was in ALARM (not the OK that resolves it).
 */
export function measureDetection(expectation: ScenarioExpectation, result: SimulationResult, definitions: readonly AlarmDefinition[]): MeasuredDetection[] {
  const faultStart = expectation.faultStartMinute ?? 0;
  return expectation.intended.map(({ id }) => {
    const name = nameOf(id, definitions);
    const alarm = result.alarms.find((candidate) => candidate.name === name);
    const alarmNotification = result.notifications.find(
      (notification) => notification.alarm === name && alarm !== undefined && stateAt(alarm.transitions, notification.minute) === 'ALARM',
    );
    return {
      id,
      ...(alarm && { alarmAfterMinutes: alarm.firstAlarmMinute - faultStart }),
      ...(alarmNotification && { notifiedAfterMinutes: alarmNotification.minute - faultStart }),
    };
  });
}

/**
 * Every way `result` misses `expectation`; empty when the run shows what the scenario documents.
 * `start` says which limits apply: a cold run's (the default), or a warm one's (`warmupHours: 24`).
 */
export function expectationProblems(expectation: ScenarioExpectation, result: SimulationResult, definitions: readonly AlarmDefinition[], start: StartKind = 'cold'): string[] {
  const problems: string[] = [];
  const service = start === 'warm' ? ' on a warm service' : '';
  for (const measured of measureDetection(expectation, result, definitions)) {
    const intended = limitsOf(expectation.intended.find((alarm) => alarm.id === measured.id)!, start);
    if (measured.alarmAfterMinutes === undefined) problems.push(`${measured.id} never went to ALARM`);
    else if (measured.alarmAfterMinutes > intended.alarmWithinMinutes) {
      problems.push(`${measured.id} went to ALARM ${measured.alarmAfterMinutes} minutes after the fault, documented within ${intended.alarmWithinMinutes}${service}`);
    }
    if (measured.notifiedAfterMinutes === undefined) problems.push(`${measured.id} sent no ALARM notification`);
    else if (measured.notifiedAfterMinutes > intended.notifiedWithinMinutes) {
      problems.push(`${measured.id} notified ${measured.notifiedAfterMinutes} minutes after the fault, documented within ${intended.notifiedWithinMinutes}${service}`);
    }
  }
  const forbidden = expectation.forbidden === '*' ? definitions.map((d) => d.id).filter((id) => !CONDITION_ALARM_IDS.includes(id)) : expectation.forbidden;
  for (const id of forbidden) {
    const fired = result.alarms.find((alarm) => alarm.name === nameOf(id, definitions));
    if (fired) problems.push(`${id} must not fire, went to ALARM at minute ${fired.firstAlarmMinute}`);
  }
  if (expectation.forbidden === '*' && result.notifications.length > 0) problems.push(`no notification expected, ${result.notifications.length} sent`);
  for (const id of expectation.unnotified ?? []) {
    const sent = result.notifications.find((notification) => notification.alarm === nameOf(id, definitions));
    if (sent) problems.push(`${id} must not notify (its actions are suppressed), notified at minute ${sent.minute}`);
  }
  return problems;
}

function nameOf(id: string, definitions: readonly AlarmDefinition[]): string {
  const definition = definitions.find((candidate) => candidate.id === id);
  if (!definition) throw new Error(`no alarm ${id} in the catalog`);
  return definition.name;
}

/** The alarm's state after its transitions up to and including `minute`. */
function stateAt(transitions: SimulationResult['alarms'][number]['transitions'], minute: number): string | undefined {
  let state: string | undefined;
  for (const transition of transitions) if (transition.minute <= minute) state = transition.state;
  return state;
}
