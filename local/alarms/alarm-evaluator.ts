import type { Severity } from '../../functions/alert-router/alert';
import { evaluateAlarmRule, renderAlarmRule, ruleAlarmIds, type AlarmDefinition, type CompositeAlarmDefinition } from '../../lib/catalog/alarms';
import { alarmDatapoints, compileMetricAlarm, evaluationEnd, type CompiledMetricAlarm } from './compiled-alarm';
import type { AlarmMetricSource } from './metric-source';
import type { FillOfAbsentSeries } from './metric-math';
import { decideAlarmState } from './missing-data';
import { buildNotification, type StateChange } from './notifications';
import { compositeAlarmReason, metricAlarmReason } from './reasons';
import { suppressionAt } from './suppression';
import type { AlarmNotification, AlarmState, AlarmStatus, AlarmTransition, EvaluationResult, SuppressedBy } from './types';

/** What an AlarmEvaluator evaluates, where it reads, and whom it tells. */
export interface AlarmEvaluatorOptions {
  /** The alarm catalog (`alarmCatalog(settings)`); each composite after the alarms it names. */
  readonly definitions: readonly AlarmDefinition[];
  /** Where the metrics are read (a MetricStore). Percentile metrics of the definitions get their raw values kept. */
  readonly store: AlarmMetricSource;
  /** Called for every state change, in evaluation order. */
  readonly onTransition?: (transition: AlarmTransition) => void;
  /** Called for every notification sent to a topic. */
  readonly onNotification?: (notification: AlarmNotification) => void;
  /**
   * Whether the first INSUFFICIENT_DATA → OK of an alarm notifies its topic, as CloudWatch's OK
   * actions do (a burst of OK messages when the alarms start). @default true
   */
  readonly notifyOkFromInsufficientData?: boolean;
  /**
   * Whether FILL yields values for a metric with no datapoint in the whole evaluation range
   * (`'fills'`), or nothing, which also empties any operation with that series (`'empty'`, the
   * pessimistic CloudWatch behaviour that lib/catalog/alarms/sparse-metrics.ts guards against).
   * @default 'fills'
   */
  readonly fillOfAbsentSeries?: FillOfAbsentSeries;
}

interface AlarmRecord {
  readonly definition: AlarmDefinition;
  readonly compiled?: CompiledMetricAlarm;
  state: AlarmState;
  since?: number;
  reason: string;
  lastValue?: number;
  enteredAlarmAt?: number;
  leftAlarmAt?: number;
  /** The last state whose actions were settled (run, or not due), i.e. not held back. */
  actedState: AlarmState;
  /** Set while a composite has actions held back by its suppressor. */
  held?: SuppressedBy;
  suppression?: SuppressedBy;
}

const INITIAL_REASON = 'Unchecked: Initial alarm creation';

/**
 * Evaluates the catalog's alarms against the local metric store with CloudWatch's semantics:
 * every call to `evaluate(now)` is one CloudWatch evaluation (call it each minute, as
 * CloudWatch evaluates). A metric alarm reads its evaluation range (N + 2 periods) as
 * CloudWatch's default SlidingWindow does: periods end at the evaluation minute, e.g. a 1-hour
 * period evaluated at 14:07:30 covers 13:07-14:07, so the minute in progress is never read and
 * periods are not aligned to multiples of themselves. Then metric math, M out of N and the
 * missing-data treatment (missing-data.ts); composite alarms follow, in catalog order, with
 * their rule and their actions suppressor (suppression.ts). Alarms start in INSUFFICIENT_DATA.
 * Transitions happen at, and carry, the evaluation time `now`.
 *
 * @example
 * const evaluator = new AlarmEvaluator({ definitions: alarmCatalog(), store, onTransition: (t) => console.log(t.name, t.to) });
 * for (let minute = 1; minute <= 60; minute++) evaluator.evaluate(start + minute * 60_000);
 * evaluator.states().filter((s) => s.state === 'ALARM');
 */
export class AlarmEvaluator {
  readonly #store: AlarmMetricSource;
  readonly #records: AlarmRecord[];
  readonly #byId: ReadonlyMap<string, AlarmRecord>;
  readonly #options: AlarmEvaluatorOptions;
  readonly #history: AlarmTransition[] = [];
  readonly #notifications: AlarmNotification[] = [];

  constructor(options: AlarmEvaluatorOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#records = options.definitions.map((definition): AlarmRecord => ({
      definition,
      ...(definition.kind === 'metric' ? { compiled: compileMetricAlarm(definition) } : {}),
      state: 'INSUFFICIENT_DATA',
      reason: INITIAL_REASON,
      actedState: 'INSUFFICIENT_DATA',
    }));
    this.#byId = new Map(this.#records.map((record) => [record.definition.id, record]));
    checkOrder(options.definitions);
    for (const record of this.#records) {
      for (const query of record.compiled?.queries ?? []) if (query.statistic.kind === 'percentile') this.#store.retainRawValues(query.ref.metric.name);
    }
  }

  /** Evaluates every alarm at `now` (epoch milliseconds); returns the transitions and notifications. */
  evaluate(now: number): EvaluationResult {
    const end = evaluationEnd(now);
    const transitions: AlarmTransition[] = [];
    const notifications: AlarmNotification[] = [];
    const out = { transitions, notifications };
    for (const record of this.#records) {
      if (record.compiled) this.#evaluateMetricAlarm(record, record.compiled, end, now, out);
      else this.#evaluateComposite(record, record.definition as CompositeAlarmDefinition, now, out);
    }
    return { time: now, transitions, notifications };
  }

  /** The current state of every alarm, in catalog order. */
  states(): AlarmStatus[] {
    return this.#records.map((record) => this.#status(record));
  }

  /** The current state of one alarm. */
  state(id: string): AlarmStatus {
    const record = this.#byId.get(id);
    if (!record) throw new Error(`no alarm ${id}`);
    return this.#status(record);
  }

  /** Every transition so far, oldest first. */
  history(): readonly AlarmTransition[] {
    return this.#history;
  }

  /** Every notification so far, oldest first. */
  notifications(): readonly AlarmNotification[] {
    return this.#notifications;
  }

  /** The metric alarms as the evaluator runs them (metric queries, math, range, threshold test). */
  compiledAlarms(): CompiledMetricAlarm[] {
    return this.#records.flatMap((record) => (record.compiled ? [record.compiled] : []));
  }

  #evaluateMetricAlarm(record: AlarmRecord, alarm: CompiledMetricAlarm, end: number, now: number, out: Out): void {
    const d = alarm.definition;
    const datapoints = alarmDatapoints(alarm, this.#store, end, { fillOfAbsentSeries: this.#options.fillOfAbsentSeries ?? 'fills' });
    const latest = datapoints[datapoints.length - 1];
    record.lastValue = Number.isNaN(latest) ? undefined : latest;
    const decision = decideAlarmState({
      datapoints,
      evaluationPeriods: d.evaluationPeriods,
      datapointsToAlarm: d.datapointsToAlarm,
      treatMissingData: d.treatMissingData,
      isBreaching: alarm.isBreaching,
      currentState: record.state,
    });
    if (decision.state !== record.state) this.#change(record, { to: decision.state, time: now, reason: metricAlarmReason(decision, d) }, out);
  }

  #evaluateComposite(record: AlarmRecord, composite: CompositeAlarmDefinition, now: number, out: Out): void {
    const inAlarm = (id: string) => this.#record(id).state === 'ALARM';
    const next: AlarmState = evaluateAlarmRule(composite.rule, inAlarm) ? 'ALARM' : 'OK';
    const suppressor = composite.actionsSuppressor;
    if (next !== record.state) {
      const children = ruleAlarmIds(composite.rule).map((id) => this.#record(id));
      const deciding = next === 'ALARM' ? children.filter((child) => child.state === 'ALARM') : children.filter((child) => child.since === now);
      const triggeringChildren = deciding.map((child) => ({ name: child.definition.name, state: child.state, since: child.since ?? now }));
      const alarmRule = renderAlarmRule(composite.rule, (id) => this.#record(id).definition.name);
      this.#change(record, { to: next, time: now, reason: compositeAlarmReason(triggeringChildren), alarmRule, triggeringChildren }, out);
    }
    if (!suppressor) return;
    record.suppression = suppressionAt(now, suppressor, record, this.#record(suppressor.alarm));
    if (record.held && !record.suppression) this.#release(record, now, out);
    else if (record.held) record.held = record.suppression;
  }

  #change(record: AlarmRecord, change: Omit<StateChange, 'from'>, out: Out): void {
    const from = record.state;
    const { definition } = record;
    record.state = change.to;
    record.since = change.time;
    record.reason = change.reason;
    if (change.to === 'ALARM') record.enteredAlarmAt = change.time;
    if (from === 'ALARM') record.leftAlarmAt = change.time;
    const suppressor = definition.kind === 'composite' ? definition.actionsSuppressor : undefined;
    const suppressedBy = suppressor ? suppressionAt(change.time, suppressor, record, this.#record(suppressor.alarm)) : undefined;
    const transition: AlarmTransition = {
      alarmId: definition.id,
      name: definition.name,
      kind: definition.kind,
      severity: definition.severity,
      from,
      to: change.to,
      time: change.time,
      reason: change.reason,
      ...(suppressedBy ? { actionsSuppressedBy: suppressedBy } : {}),
    };
    this.#history.push(transition);
    out.transitions.push(transition);
    this.#options.onTransition?.(transition);
    if (suppressedBy) {
      record.held = suppressedBy;
      return;
    }
    const wasHeld = record.held !== undefined;
    const actedOn = record.actedState;
    record.held = undefined;
    record.actedState = change.to;
    if (wasHeld && change.to === actedOn) return;
    if (this.#hasActions(record, from, change.to)) this.#notify(record, { ...change, from }, out);
  }

  /** A suppression ended: act on the current state if it is not the one last acted on. */
  #release(record: AlarmRecord, now: number, out: Out): void {
    const delayedBy = record.held;
    const actedOn = record.actedState;
    record.held = undefined;
    record.actedState = record.state;
    if (record.state === actedOn || !this.#hasActions(record, actedOn, record.state)) return;
    this.#notify(record, { from: actedOn, to: record.state, time: now, reason: record.reason, delayedBy }, out);
  }

  #notify(record: AlarmRecord, change: StateChange, out: Out): void {
    const notification = buildNotification(record.definition, record.compiled, change);
    this.#notifications.push(notification);
    out.notifications.push(notification);
    this.#options.onNotification?.(notification);
  }

  /** The definition notifies a topic for this change (ALARM and OK actions; none for INSUFFICIENT_DATA). */
  #hasActions(record: AlarmRecord, from: AlarmState, to: AlarmState): boolean {
    if (!record.definition.notify) return false;
    if (to === 'ALARM') return true;
    return to === 'OK' && (from !== 'INSUFFICIENT_DATA' || (this.#options.notifyOkFromInsufficientData ?? true));
  }

  #record(id: string): AlarmRecord {
    const record = this.#byId.get(id);
    if (!record) throw new Error(`no alarm ${id}`);
    return record;
  }

  #status(record: AlarmRecord): AlarmStatus {
    const { definition } = record;
    return {
      id: definition.id,
      name: definition.name,
      kind: definition.kind,
      severity: definition.severity,
      ...(definition.notify ? { notify: definition.notify as Severity } : {}),
      state: record.state,
      ...(record.since !== undefined ? { since: record.since } : {}),
      reason: record.reason,
      ...(record.lastValue !== undefined ? { lastValue: record.lastValue } : {}),
      ...(record.suppression ? { actionsSuppressedBy: record.suppression } : {}),
    };
  }
}

interface Out {
  readonly transitions: AlarmTransition[];
  readonly notifications: AlarmNotification[];
}

/** Every alarm a composite names must exist and come before it, so one pass sees current states. */
function checkOrder(definitions: readonly AlarmDefinition[]): void {
  const seen = new Set<string>();
  for (const definition of definitions) {
    if (seen.has(definition.id)) throw new Error(`alarm ${definition.id} is defined twice`);
    if (definition.kind === 'composite') {
      const named = [...ruleAlarmIds(definition.rule), ...(definition.actionsSuppressor ? [definition.actionsSuppressor.alarm] : [])];
      for (const id of named) if (!seen.has(id)) throw new Error(`composite alarm ${definition.id} names ${id}, which is not defined before it`);
    }
    seen.add(definition.id);
  }
}
