/**
 * EventBridge (CloudWatch Events) schedule expressions, checked as EventBridge rules check
 * them, so a schedule CloudWatch would reject fails `cdk synth` instead of `cdk deploy`:
 *
 * - `rate(value unit)`: a whole value of at least 1; the unit `minute`, `hour` or `day` when
 *   the value is 1, and `minutes`, `hours` or `days` otherwise.
 * - `cron(minutes hours day-of-month month day-of-week year)`: six fields; exactly one of
 *   day-of-month and day-of-week is `?`.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Accepts `?` (day-of-month and day-of-week). */
  readonly question?: boolean;
  /** Special forms of this field beyond numbers, ranges, lists and steps (`L`, `15W`, `3#2`). */
  readonly special?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, special: /^(L|LW|([1-9]|[12]\d|3[01])W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, question: true, special: /^(L|[1-7]L|[1-7]#[1-5])$/ },
  { name: 'year', min: 1970, max: 2199 },
];

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(([^()]*)\)$/;

/** Why EventBridge would reject the expression, or undefined when it is valid. */
export function scheduleExpressionProblem(expression: string): string | undefined {
  if (expression.startsWith('rate(')) return rateProblem(expression);
  if (expression.startsWith('cron(')) return cronProblem(expression);
  return 'must be rate(value unit), such as rate(15 minutes), or cron(minutes hours day-of-month month day-of-week year), such as cron(0 * * * ? *)';
}

function rateProblem(expression: string): string | undefined {
  const match = RATE.exec(expression);
  if (!match) return 'a rate must be rate(value unit) with a whole value and the unit minute(s), hour(s) or day(s), such as rate(5 minutes)';
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1) return `a rate must be at least 1, got ${match[1]}`;
  const plural = unit.endsWith('s');
  if (value === 1 && plural) return `a rate of 1 takes the singular unit: rate(1 ${unit.slice(0, -1)})`;
  if (value > 1 && !plural) return `a rate above 1 takes the plural unit: rate(${value} ${unit}s)`;
  return undefined;
}

function cronProblem(expression: string): string | undefined {
  const match = CRON.exec(expression);
  if (!match) return 'a cron expression must be cron(minutes hours day-of-month month day-of-week year)';
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== CRON_FIELDS.length) {
    return `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  }
  for (const [index, spec] of CRON_FIELDS.entries()) {
    const problem = cronFieldProblem(fields[index], spec);
    if (problem) return `cron field ${spec.name} ${JSON.stringify(fields[index])}: ${problem}`;
  }
  const dayOfMonth = fields[2];
  const dayOfWeek = fields[4];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return 'exactly one of day-of-month and day-of-week must be ? (for example cron(0 12 * * ? *) or cron(0 12 ? * MON-FRI *))';
  }
  return undefined;
}

function cronFieldProblem(field: string, spec: CronField): string | undefined {
  if (field === '?') return spec.question ? undefined : '? is allowed only in day-of-month and day-of-week';
  for (const item of field.split(',')) {
    const problem = cronItemProblem(item, spec);
    if (problem) return problem;
  }
  return undefined;
}

/** One list item: `*`, a value, `a-b`, any of those followed by `/step`, or a special form. */
function cronItemProblem(item: string, spec: CronField): string | undefined {
  if (spec.special?.test(item.toUpperCase())) return undefined;
  const [base, step, ...extra] = item.split('/');
  if (extra.length > 0) return 'a step takes one /';
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return `the step must be a whole number of at least 1, got ${JSON.stringify(step)}`;
  if (base === '*') return undefined;
  const bounds = base.split('-');
  if (bounds.length > 2) return `${JSON.stringify(base)} is not a value or a range`;
  for (const bound of bounds) {
    if (cronValue(bound, spec) === undefined) return `${JSON.stringify(bound)} is not a value from ${describeRange(spec)}`;
  }
  return undefined;
}

function cronValue(text: string, spec: CronField): number | undefined {
  const nameIndex = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (nameIndex >= 0) return spec.min + nameIndex;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

function describeRange(spec: CronField): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
  return `${spec.min}-${spec.max}${names}`;
}
