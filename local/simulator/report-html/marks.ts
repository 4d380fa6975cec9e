import type { Severity } from '../../../lib/catalog/error-categories';
import type { SimulatedAlarm, SimulatedNotification } from '../result';
import type { Phase } from '../scenario';

/** A phase of the scenario as the report shades it: minutes [fromMinute, toMinute) and what it changes. */
export interface PhaseBand {
  readonly fromMinute: number;
  readonly toMinute: number;
  /** e.g. `errors service_unavailable 50 %, provider_error 20 %`. */
  readonly label: string;
}

/** A span of minutes [fromMinute, toMinute) during which an alarm was in ALARM. */
export interface AlarmSpan {
  readonly fromMinute: number;
  readonly toMinute: number;
}

/** An alarm that went to ALARM, with its ALARM spans. */
export interface AlarmRow {
  readonly name: string;
  readonly severity: Severity;
  readonly spans: readonly AlarmSpan[];
}

/**
 * The ALARM spans of each alarm, from its transitions: each ALARM lasts until the next
 * transition, or to `endMinute` (the last evaluation of the run) when it is still in ALARM.
 *
 * @example
 * alarmRows([{ name: 'a', severity: 'critical', firstAlarmMinute: 31, transitions: [{ minute: 1, state: 'OK' }, { minute: 31, state: 'ALARM' }] }], 60);
 * // [{ name: 'a', severity: 'critical', spans: [{ fromMinute: 31, toMinute: 60 }] }]
 */
export function alarmRows(alarms: readonly SimulatedAlarm[], endMinute: number): AlarmRow[] {
  return alarms.map((alarm) => {
    const spans: AlarmSpan[] = [];
    alarm.transitions.forEach((transition, index) => {
      if (transition.state !== 'ALARM') return;
      const next = alarm.transitions[index + 1];
      spans.push({ fromMinute: transition.minute, toMinute: next ? next.minute : Math.max(endMinute, transition.minute) });
    });
    return { name: alarm.name, severity: alarm.severity, spans };
  });
}

/** The alarm names of the timeline's rows: the alarms that fired, then any alarm that notified without being among them. */
export function timelineRows(alarms: readonly AlarmRow[], notifications: readonly SimulatedNotification[]): AlarmRow[] {
  const rows = [...alarms];
  for (const notification of notifications) {
    if (!rows.some((row) => row.name === notification.alarm)) rows.push({ name: notification.alarm, severity: notification.severity, spans: [] });
  }
  return rows;
}

/** The scenario's phases, in time order, with what each changes. */
export function phaseBands(phases: readonly Phase[]): PhaseBand[] {
  return [...phases].sort((a, b) => a.fromMinute - b.fromMinute).map((phase) => ({ fromMinute: phase.fromMinute, toMinute: phase.toMinute, label: phaseLabel(phase) }));
}

/** What a phase changes, in words, e.g. `init failure` or `latency ×3, model gpt-4o`. */
export function phaseLabel(phase: Phase): string {
  const parts: string[] = [];
  const errors = Object.entries(phase.errors ?? {}).filter(([, share]) => share > 0);
  if (errors.length > 0) parts.push(`errors ${errors.map(([category, share]) => `${category} ${percent(share)}`).join(', ')}`);
  if (phase.latencyMultiplier !== undefined && phase.latencyMultiplier !== 1) parts.push(`latency ×${phase.latencyMultiplier}`);
  if (phase.quality !== undefined) parts.push(`quality ${phase.quality}`);
  if (phase.model !== undefined) parts.push(`model ${phase.model}`);
  if (phase.requestsPerMinute !== undefined) parts.push(`${phase.requestsPerMinute} requests/min`);
  const lambda = Object.entries(phase.lambda ?? {}).filter(([, share]) => share !== undefined && share > 0);
  if (lambda.length > 0) parts.push(`Lambda ${lambda.map(([fault, share]) => `${fault} ${percent(share ?? 0)}`).join(', ')}`);
  if (phase.initFailure) parts.push('init failure');
  if (phase.metricsLost) parts.push(`metrics lost ${percent(phase.metricsLost)}`);
  return parts.join('; ') || 'phase';
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(2))} %`;
}
