/**
 * Composite alarm actions suppression (CloudWatch user guide, "Suppressing composite alarm
 * actions"; API CompositeAlarm.ActionsSuppressedBy):
 *
 * - `Alarm`: while the suppressor alarm is in ALARM, the composite takes no action.
 * - `ExtensionPeriod`: for `extensionSeconds` after the suppressor leaves ALARM, still none.
 * - `WaitPeriod`: when the composite goes into ALARM while the suppressor is not in ALARM, it
 *   waits up to `waitSeconds` for the suppressor to go into ALARM before acting.
 *
 * "After this time, the composite alarm performs its actions": when a suppression ends and
 * the composite's state differs from the last state it acted on, it acts on its current state
 * then (so an ALARM that outlives the suppression is notified, late, and an ALARM that
 * recovered while suppressed is never notified, nor is its OK).
 */
import type { ActionsSuppressor } from '../../lib/catalog/alarms';
import type { AlarmState, SuppressedBy } from './types';

/** What the suppression needs to know about an alarm's recent history. */
export interface StateHistory {
  readonly state: AlarmState;
  /** When the alarm entered its current state. */
  readonly since?: number;
  /** When it last went into ALARM / last left ALARM. */
  readonly enteredAlarmAt?: number;
  readonly leftAlarmAt?: number;
}

/** Why the composite's actions are held back at `now`, or undefined when they are not. */
export function suppressionAt(now: number, settings: ActionsSuppressor, composite: StateHistory, suppressor: StateHistory): SuppressedBy | undefined {
  if (suppressor.state === 'ALARM') return 'Alarm';
  if (suppressor.leftAlarmAt !== undefined && now < suppressor.leftAlarmAt + settings.extensionSeconds * 1000) return 'ExtensionPeriod';
  const alarmSince = composite.state === 'ALARM' ? composite.since : undefined;
  if (alarmSince === undefined || now >= alarmSince + settings.waitSeconds * 1000) return undefined;
  const suppressorAlarmedSince = suppressor.enteredAlarmAt !== undefined && suppressor.enteredAlarmAt >= alarmSince;
  return suppressorAlarmedSince ? undefined : 'WaitPeriod';
}
