/**
 * Evaluates the catalog's metric math over aligned period series (one value per period, NaN
 * where the period has no datapoint), following the CloudWatch user guide, "Metric math
 * syntax and functions" and "Using IF expressions":
 *
 * - Arithmetic between two series: a period missing in both stays missing; missing in only
 *   one is treated as 0 ("Missing values in a time series are treated as 0").
 *   Series with a number: a missing period stays missing.
 * - Division by zero drops the datapoint: the period becomes missing.
 * - Comparisons yield 1 or 0, with the same missing-value rules as arithmetic.
 * - IF(condition, whenTrue, whenFalse), per period: a missing condition drops the period; a
 *   true (non-zero) condition takes whenTrue, 0 when whenTrue is a series missing there; a
 *   false condition takes whenFalse, dropped when it is missing there or omitted.
 * - FILL(series, v): v in every period of the evaluated range where the series is missing.
 *
 * Whether FILL yields values for a series with NO datapoint in the whole evaluated range is
 * not confirmed for CloudWatch (lib/catalog/alarms/sparse-metrics.ts). `fillOfAbsentSeries`
 * chooses: `'fills'` (the default) fills it like any other; `'empty'` models the pessimistic
 * behaviour: such a FILL yields no datapoint, and an arithmetic or comparison between two
 * series of which one has no datapoint in the range has none either.
 *
 * The final result must be a series (an expression of numbers only is refused, as CloudWatch
 * refuses it).
 */
import { MetricMathError, parseMetricMath, type ArithmeticOperator, type ComparisonOperator, type MathNode } from './metric-math-parser';

export { MetricMathError, type MathNode } from './metric-math-parser';

/** A parsed expression, ready to evaluate many times. */
export interface CompiledMath {
  readonly expression: string;
  readonly node: MathNode;
  readonly metricIds: readonly string[];
}

type Value = number | Float64Array;

/** How FILL treats a series with no datapoint in the whole evaluated range (see the module comment). */
export type FillOfAbsentSeries = 'fills' | 'empty';

/** Choices of the evaluation where CloudWatch's behaviour is not confirmed. */
export interface MetricMathOptions {
  /** @default 'fills' */
  readonly fillOfAbsentSeries?: FillOfAbsentSeries;
}

interface Context {
  readonly inputs: Readonly<Record<string, Float64Array>>;
  readonly length: number;
  /** The pessimistic mode: an all-missing series empties FILL and every operation with a series. */
  readonly absentEmpties: boolean;
}

/**
 * Parses `expression` against the metric ids it may use. Throws a MetricMathError naming the
 * expression and the position of anything outside the supported subset.
 */
export function compileMetricMath(expression: string, metricIds: readonly string[]): CompiledMath {
  return { expression, node: parseMetricMath(expression, metricIds), metricIds };
}

/**
 * The expression's value per period. `inputs` maps every metric id to its values per period
 * (NaN = missing), all of the same length; the result has that length, NaN = no datapoint.
 *
 * @example
 * const math = compileMetricMath('100 * FILL(errors, 0) / requests', ['errors', 'requests']);
 * evaluateMetricMath(math, { errors: Float64Array.of(NaN, 2), requests: Float64Array.of(10, 20) }); // [0, 10]
 * evaluateMetricMath(math, { errors: Float64Array.of(NaN, NaN), requests: Float64Array.of(10, 20) }, { fillOfAbsentSeries: 'empty' }); // [NaN, NaN]
 */
export function evaluateMetricMath(
  compiled: CompiledMath,
  inputs: Readonly<Record<string, Float64Array>>,
  options: MetricMathOptions = {},
): Float64Array {
  const absent = compiled.metricIds.filter((id) => !(inputs[id] instanceof Float64Array));
  if (absent.length > 0) throw new Error(`Metric math ${JSON.stringify(compiled.expression)}: no values for ${absent.join(', ')}`);
  const lengths = new Set(compiled.metricIds.map((id) => inputs[id].length));
  if (lengths.size > 1) throw new Error(`Metric math ${JSON.stringify(compiled.expression)}: the metric series have different lengths`);
  const length = lengths.size === 1 ? [...lengths][0] : 0;
  const value = evaluate(compiled.node, { inputs, length, absentEmpties: options.fillOfAbsentSeries === 'empty' });
  if (typeof value === 'number') throw new MetricMathError(compiled.expression, 0, 'the expression yields a single number, not a time series');
  return value;
}

/**
 * The friendly form of `evaluateMetricMath`: arrays with `undefined` for missing periods.
 *
 * @example
 * evaluateExpression('FILL(a, 0) + b', { a: [1, undefined, undefined], b: [1, 1, undefined] }); // [2, 1, 0]
 */
export function evaluateExpression(
  expression: string,
  inputs: Readonly<Record<string, readonly (number | undefined)[]>>,
  options: MetricMathOptions = {},
): (number | undefined)[] {
  const ids = Object.keys(inputs);
  const series = Object.fromEntries(ids.map((id) => [id, Float64Array.from(inputs[id], (v) => (v === undefined ? NaN : v))]));
  const result = evaluateMetricMath(compileMetricMath(expression, ids), series, options);
  return Array.from(result, (value) => (Number.isNaN(value) ? undefined : value));
}

function evaluate(node: MathNode, context: Context): Value {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'metric':
      return context.inputs[node.id];
    case 'negate':
      return map(evaluate(node.operand, context), (value) => -value);
    case 'arithmetic':
      return combine(evaluate(node.left, context), evaluate(node.right, context), context, arithmetic(node.operator));
    case 'comparison':
      return combine(evaluate(node.left, context), evaluate(node.right, context), context, comparison(node.operator));
    case 'fill':
      return fill(evaluate(node.series, context), evaluate(node.value, context), context);
    case 'if':
      return conditional(node, context);
  }
}

function arithmetic(operator: ArithmeticOperator): (a: number, b: number) => number {
  switch (operator) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return (a, b) => (b === 0 ? NaN : a / b);
  }
}

function comparison(operator: ComparisonOperator): (a: number, b: number) => number {
  switch (operator) {
    case '>':
      return (a, b) => (a > b ? 1 : 0);
    case '>=':
      return (a, b) => (a >= b ? 1 : 0);
    case '<':
      return (a, b) => (a < b ? 1 : 0);
    case '<=':
      return (a, b) => (a <= b ? 1 : 0);
    case '==':
      return (a, b) => (a === b ? 1 : 0);
    case '!=':
      return (a, b) => (a !== b ? 1 : 0);
  }
}

/** A binary operation with CloudWatch's missing-value rules (see the module comment). */
function combine(left: Value, right: Value, context: Context, operation: (a: number, b: number) => number): Value {
  if (typeof left === 'number' && typeof right === 'number') {
    return Number.isNaN(left) || Number.isNaN(right) ? NaN : operation(left, right);
  }
  const { length } = context;
  const result = new Float64Array(length);
  if (Number.isNaN(left) || Number.isNaN(right)) return result.fill(NaN);
  if (context.absentEmpties && (allMissing(left) || allMissing(right))) return result.fill(NaN);
  for (let i = 0; i < length; i++) {
    const a = typeof left === 'number' ? left : left[i];
    const b = typeof right === 'number' ? right : right[i];
    const aMissing = Number.isNaN(a);
    const bMissing = Number.isNaN(b);
    if ((aMissing && (bMissing || typeof right === 'number')) || (bMissing && typeof left === 'number')) result[i] = NaN;
    else result[i] = operation(aMissing ? 0 : a, bMissing ? 0 : b);
  }
  return result;
}

function map(value: Value, operation: (a: number) => number): Value {
  return typeof value === 'number' ? operation(value) : value.map(operation);
}

function fill(series: Value, filler: Value, context: Context): Value {
  if (typeof filler !== 'number') throw new Error('FILL takes a number as its second argument');
  if (typeof series === 'number') return series;
  const { length } = context;
  const result = new Float64Array(length);
  if (context.absentEmpties && allMissing(series)) return result.fill(NaN);
  for (let i = 0; i < length; i++) result[i] = Number.isNaN(series[i]) ? filler : series[i];
  return result;
}

/** A series (not a number) without a single datapoint in the range. */
function allMissing(value: Value): boolean {
  return typeof value !== 'number' && value.every(Number.isNaN);
}

function conditional(node: Extract<MathNode, { type: 'if' }>, context: Context): Value {
  const { length } = context;
  const condition = evaluate(node.condition, context);
  const whenTrue = evaluate(node.whenTrue, context);
  const whenFalse = node.whenFalse ? evaluate(node.whenFalse, context) : undefined;
  if (typeof condition === 'number') {
    if (Number.isNaN(condition)) return new Float64Array(length).fill(NaN);
    return condition !== 0 ? whenTrue : (whenFalse ?? new Float64Array(length).fill(NaN));
  }
  const result = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const test = condition[i];
    if (Number.isNaN(test)) result[i] = NaN;
    else if (test !== 0) result[i] = typeof whenTrue === 'number' ? whenTrue : Number.isNaN(whenTrue[i]) ? 0 : whenTrue[i];
    else if (whenFalse === undefined) result[i] = NaN;
    else result[i] = typeof whenFalse === 'number' ? whenFalse : whenFalse[i];
  }
  return result;
}
