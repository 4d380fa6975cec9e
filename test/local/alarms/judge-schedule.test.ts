import { judgeMetricData, type JudgeRunMetrics } from '../../../functions/judge/metrics-publisher';
import { ALARM_IDS, alarmCatalog, type AlarmDefinition } from '../../../lib/catalog/alarms';
import { AlarmEvaluator } from '../../../local/alarms';
import { LambdaMetricsRecorder } from '../../../local/lambda/lambda-metrics-recorder';
import { MetricStore } from '../../../local/metrics';
import { at } from '../../support/emf-lines';

const JUDGE_ALARMS: readonly string[] = [
  ALARM_IDS.qualityScore,
  ALARM_IDS.qualityDrift,
  ALARM_IDS.judgeFailures,
  ALARM_IDS.judgeBacklogAge,
  ALARM_IDS.judgeLambdaErrors,
  ALARM_IDS.judgeLambdaThrottles,
];
const HOURS = 12;

/** How each run of the judge goes. */
type Judge = 'healthy' | 'crashing' | 'throttled' | 'failing' | 'stalled' | 'drifting';

/**
 * A judge Lambda on a schedule of `intervalMinutes` for 12 hours, its runs written as the real
 * publisher and Lambda write them, the judge alarms of a catalog built for that schedule
 * evaluated every minute. Runs start a little late by a varying few seconds, as scheduled
 * invocations do; one sampled response a minute.
 */
function runJudge(intervalMinutes: number, judge: Judge): { evaluator: AlarmEvaluator; definitions: AlarmDefinition[] } {
  const definitions = alarmCatalog({ judgeIntervalMinutes: intervalMinutes }).filter((d) => JUDGE_ALARMS.includes(d.id));
  const store = new MetricStore();
  const lambda = new LambdaMetricsRecorder(store, 'agent-judge');
  const evaluator = new AlarmEvaluator({ definitions, store, notifyOkFromInsufficientData: false });
  let nextRun = intervalMinutes;
  for (let minute = 1; minute <= HOURS * 60; minute++) {
    if (minute === nextRun) {
      judgeRun(store, lambda, judge, at(minute - 1 + ((minute / intervalMinutes) % 4) * 0.1), intervalMinutes);
      nextRun += intervalMinutes;
    }
    evaluator.evaluate(at(minute));
  }
  return { evaluator, definitions };
}

function judgeRun(store: MetricStore, lambda: LambdaMetricsRecorder, judge: Judge, start: number, intervalMinutes: number): void {
  if (judge === 'throttled') return lambda.throttle(start);
  lambda.invocation({ startMs: start, durationMs: 20_000, failed: judge === 'crashing' });
  if (judge === 'crashing') return;
  const end = start + 20_000;
  const responses = Array.from({ length: intervalMinutes }, (_, i) => end - (i + 1) * 60_000);
  const scored = judge === 'healthy' || judge === 'drifting';
  const metrics: JudgeRunMetrics = {
    at: end,
    scores: scored ? responses.map((createdAt) => ({ value: judge === 'drifting' ? 0.5 : 0.9, createdAt })) : [],
    evaluations: scored ? responses.length : 0,
    failures: judge === 'failing' ? responses.length : 0,
    backlog: scored ? 0 : Math.round((end - at(0)) / 60_000),
    oldestPendingAgeSeconds: scored ? 15 : (end - at(0)) / 1000,
    costUsd: scored ? 0.002 * responses.length : 0,
    drift: judge === 'drifting' ? 1 : 0,
  };
  store.putMetricData('AgentMonitoring', judgeMetricData(metrics, 'agent').data);
}

/** The alarm's history: whether it ever fired, and whether it left ALARM once in it. */
function episodes(evaluator: AlarmEvaluator, id: string): { fired: boolean; firstAlarmMinute?: number; recovered: boolean } {
  const transitions = evaluator.history().filter((t) => t.alarmId === id);
  const first = transitions.find((t) => t.to === 'ALARM');
  const after = first ? transitions.slice(transitions.indexOf(first) + 1) : [];
  return { fired: first !== undefined, ...(first && { firstAlarmMinute: (first.time - at(0)) / 60_000 }), recovered: after.length > 0 };
}

describe.each([15, 60])('the judge alarms with a judge running every %d minutes', (interval) => {
  it('never fire for a healthy judge, one run per interval', () => {
    // Act
    const { evaluator } = runJudge(interval, 'healthy');

    // Assess
    expect(evaluator.history().filter((t) => t.to === 'ALARM')).toEqual([]);
    expect(evaluator.states().map((s) => [s.id, s.state])).toEqual(JUDGE_ALARMS.map((id) => [id, 'OK']));
  });

  it.each<[Judge, string]>([
    ['crashing', ALARM_IDS.judgeLambdaErrors],
    ['throttled', ALARM_IDS.judgeLambdaThrottles],
    ['failing', ALARM_IDS.judgeFailures],
    ['stalled', ALARM_IDS.judgeBacklogAge],
    ['drifting', ALARM_IDS.qualityDrift],
    ['drifting', ALARM_IDS.qualityScore],
  ])('fire for a %s judge (%s) and stay in ALARM between its runs', (judge, id) => {
    // Act
    const { evaluator } = runJudge(interval, judge);

    // Assess
    const history = episodes(evaluator, id);
    expect({ id, ...history, firstAlarmMinute: undefined }).toEqual({ id, fired: true, recovered: false, firstAlarmMinute: undefined });
    expect(history.firstAlarmMinute).toBeLessThanOrEqual(id === ALARM_IDS.judgeBacklogAge ? 60 + 3 * interval + 1 : 3 * interval + 1);
    expect(evaluator.state(id).state).toBe('ALARM');
  });
});
