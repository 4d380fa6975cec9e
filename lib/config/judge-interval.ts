/**
 * The judge's interval, read from its EventBridge schedule, for the judge alarms (their
 * periods follow it: lib/catalog/alarms/judge-windows.ts). A schedule EventBridge accepts but
 * the alarms cannot serve fails `cdk synth`, naming `judgeSchedule`:
 *
 * - `rate(N minutes)` with N dividing an hour, or `rate(1 hour)`;
 * - `cron(...)` whose minutes field runs at a steady step that divides an hour: `*`, `0/N`,
 *   `*\/N` or `M/N` (M < N), an evenly spaced list covering the hour (`0,15,30,45`), or one
 *   minute of every hour of an hour range (`0 * ...`, `0 8-18 ...`). Hours, days and months may
 *   leave gaps (`cron(0/30 8-18 ? * MON-FRI *)`): outside them the alarms see no run, and treat
 *   that as nothing to report.
 *
 * Longer intervals (`rate(2 hours)`, a daily cron) are refused: runs would drift through the
 * hourly windows of `judge-failures` and `quality-score`, and samples would wait longer than
 * any backlog age worth alarming on.
 */
import { JUDGE_INTERVALS_MINUTES, judgeIntervalProblem } from '../catalog/alarms/judge-windows';
import { scheduleExpressionProblem } from './schedule-expression';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(([^()]*)\)$/;
const UNIT_MINUTES: Readonly<Record<string, number>> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };
const STEADY_CRON =
  'the judge alarms need runs at a steady interval that divides an hour: a cron minutes field of *, 0/N, */N or M/N (M < N), ' +
  'an evenly spaced list covering the hour, or one minute of every hour of an hour range';

type Interval = { readonly minutes: number } | { readonly problem: string };

/**
 * Why EventBridge would reject the schedule, or why the judge alarms cannot serve it; undefined
 * when both accept it.
 *
 * @example
 * judgeScheduleProblem('rate(2 hours)'); // 'the judge alarms need a run at least every hour ...'
 */
export function judgeScheduleProblem(expression: string): string | undefined {
  const rejected = scheduleExpressionProblem(expression);
  if (rejected !== undefined) return rejected;
  const interval = intervalOf(expression);
  return 'problem' in interval ? interval.problem : undefined;
}

/**
 * Minutes between two runs of a schedule that `judgeScheduleProblem` accepts.
 * @throws Error naming judgeSchedule for any other schedule
 * @example
 * judgeIntervalMinutesOf('cron(0/15 * * * ? *)'); // 15
 */
export function judgeIntervalMinutesOf(expression: string): number {
  const problem = judgeScheduleProblem(expression);
  const interval = intervalOf(expression);
  if (problem !== undefined || !('minutes' in interval)) throw new Error(`Invalid judgeSchedule ${JSON.stringify(expression)}: ${problem}`);
  return interval.minutes;
}

function intervalOf(expression: string): Interval {
  const rate = RATE.exec(expression);
  if (rate) return checked(Number(rate[1]) * UNIT_MINUTES[rate[2]], expression);
  const cron = CRON.exec(expression);
  if (!cron) return { problem: 'must be rate(...) or cron(...)' };
  const [minutes, hours] = cron[1].trim().split(/\s+/);
  const step = cronMinuteStep(minutes, hours);
  return step === undefined ? { problem: `${STEADY_CRON}, got minutes ${JSON.stringify(minutes)} and hours ${JSON.stringify(hours)}` } : checked(step, `cron minutes field ${JSON.stringify(minutes)}`);
}

function checked(minutes: number, what: string): Interval {
  if (minutes > 60) return { problem: `the judge alarms need a run at least every hour, got one every ${minutes} minutes (${what})` };
  const problem = judgeIntervalProblem(minutes);
  if (problem !== undefined) return { problem: `the judge alarms need an interval that divides an hour (${JUDGE_INTERVALS_MINUTES.join(', ')} minutes), got ${minutes} minutes (${what})` };
  return { minutes };
}

/** The step of a cron minutes field that runs at a steady step through the hour, or undefined. */
function cronMinuteStep(minutes: string, hours: string): number | undefined {
  if (minutes === '*') return 1;
  const stepped = /^(\*|\d+)\/(\d+)$/.exec(minutes);
  if (stepped) {
    const start = stepped[1] === '*' ? 0 : Number(stepped[1]);
    const step = Number(stepped[2]);
    return start < step ? step : undefined;
  }
  if (/^\d+$/.test(minutes)) return hours === '*' || /^\d+-\d+$/.test(hours) ? 60 : undefined;
  if (/^\d+(,\d+)+$/.test(minutes)) return evenListStep(minutes.split(',').map(Number));
  return undefined;
}

/** The step of a list of minutes spaced evenly over the whole hour (`0,20,40`), or undefined. */
function evenListStep(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const step = sorted[1] - sorted[0];
  if (step <= 0 || sorted[0] >= step) return undefined;
  const even = sorted.every((value, index) => value === sorted[0] + index * step);
  return even && sorted.length * step === 60 ? step : undefined;
}
