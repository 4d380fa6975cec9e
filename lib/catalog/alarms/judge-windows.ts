/**
 * The windows of the judge alarms, derived from the judge's schedule.
 *
 * The judge writes its metrics once per run (`JUDGE_METRICS`: evaluations, failures, backlog, drift; one
 * AWS/Lambda invocation), and its scores up to one interval after the responses they score.
 * An alarm whose period is shorter than the interval sees a run in some periods and none in
 * the others: it flaps (ALARM, then OK in the empty periods), or, when it needs several
 * datapoints, never gathers them and stays silent. So every judge alarm's period holds at least
 * one run, and the windows that judge several runs span that many runs:
 *
 * | alarm | period | datapoints |
 * |---|---|---|
 * | judge-lambda-errors, judge-lambda-throttles | max(5 minutes, interval) | 2 of 3: two of the last three runs |
 * | judge-backlog-age | max(15 minutes, interval) | 2 of 2: two runs in a row |
 * | quality-drift | max(15 minutes, interval) | 1 of 1: the last run |
 * | judge-failures | 1 hour (the interval divides it) | 1 of 1 |
 * | quality-score | max(1 hour, 2 × interval) | 1 of 1: at least half the window is already scored |
 *
 * With the default 5-minute schedule these are the periods the catalog always had. A schedule
 * the alarms cannot serve is refused (`judgeIntervalProblem`): an interval that does not divide
 * an hour (runs would drift through the hourly windows), or one longer than the backlog age the
 * team accepts (every sample waits up to one interval by design).
 */
import { SECONDS } from './limits';

/** The judge's interval when the schedule is the default `rate(5 minutes)`. */
export const DEFAULT_JUDGE_INTERVAL_MINUTES = 5;

/** The intervals, in minutes, the judge alarms serve: the whole minutes that divide an hour. */
export const JUDGE_INTERVALS_MINUTES: readonly number[] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

/** The periods of the judge alarms, in seconds. */
export interface JudgeWindows {
  readonly lambdaPeriodSeconds: number;
  readonly backlogPeriodSeconds: number;
  readonly driftPeriodSeconds: number;
  readonly failuresPeriodSeconds: number;
  readonly qualityPeriodSeconds: number;
}

/** The judge alarms' periods for a judge that runs every `intervalMinutes`. */
export function judgeWindows(intervalMinutes: number): JudgeWindows {
  const interval = intervalMinutes * SECONDS.minute;
  return {
    lambdaPeriodSeconds: Math.max(5 * SECONDS.minute, interval),
    backlogPeriodSeconds: Math.max(15 * SECONDS.minute, interval),
    driftPeriodSeconds: Math.max(15 * SECONDS.minute, interval),
    failuresPeriodSeconds: SECONDS.hour,
    qualityPeriodSeconds: Math.max(SECONDS.hour, 2 * interval),
  };
}

/** Why the judge alarms cannot serve a judge running every `intervalMinutes`, or undefined. */
export function judgeIntervalProblem(intervalMinutes: number): string | undefined {
  if (JUDGE_INTERVALS_MINUTES.includes(intervalMinutes)) return undefined;
  return `must be a whole number of minutes that divides an hour (${JUDGE_INTERVALS_MINUTES.join(', ')}), so that every window of the judge alarms holds whole runs, got ${intervalMinutes}`;
}
