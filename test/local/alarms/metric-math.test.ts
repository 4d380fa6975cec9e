import { alarmCatalog, type MetricAlarmDefinition } from '../../../lib/catalog/alarms';
import { compileMetricMath, evaluateExpression, MetricMathError } from '../../../local/alarms/metric-math';

const _ = undefined;
const catalog = alarmCatalog({ monitoredTools: ['search_docs'] });

function mathOf(id: string): { expression: string; threshold: number } {
  const definition = catalog.find((d): d is MetricAlarmDefinition => d.id === id && d.kind === 'metric');
  if (!definition?.math) throw new Error(`the catalog has no math alarm ${id}`);
  return { expression: definition.math.expression, threshold: definition.threshold };
}

describe("the catalog's expressions", () => {
  it('compiles every math expression of the catalog against its own metric ids', () => {
    // Prepare
    const mathAlarms = catalog.filter((d): d is MetricAlarmDefinition => d.kind === 'metric' && d.math !== undefined);

    // Act
    const compiled = mathAlarms.map((d) => compileMetricMath(d.math!.expression, Object.keys(d.math!.metrics)));

    // Assess
    expect(mathAlarms.length).toBeGreaterThan(5);
    expect(compiled.map((c) => c.expression)).toEqual(mathAlarms.map((d) => d.math!.expression));
  });

  it('error-rate: percent of failed requests, missing without enough requests, errors absent counted as 0', () => {
    // Prepare: minutes with 10, 4, 20, no and 10 requests, none a client error; errors and client errors written only with a failure.
    const { expression } = mathOf('error-rate');

    // Act
    const rate = evaluateExpression(expression, { requests: [10, 4, 20, _, 10], errors: [2, 4, _, _, 10], client_errors: [0, 0, _, _, 0] });

    // Assess: under the minimum request count the rate is 0; so is a minute without requests
    // (FILL of the client errors gives it a datapoint), never breaching.
    expect(rate).toEqual([20, 0, 0, 0, 100]);
  });

  it('error-rate: client errors count neither as failures nor as requests', () => {
    // Prepare: 20 requests, 10 of them invalid_input and 5 provider errors; 10 requests, all invalid;
    // 8 requests, 4 invalid and 3 failing (4 served: too few to judge); 12 requests, 6 budget_exceeded.
    const { expression } = mathOf('error-rate');

    // Act
    const rate = evaluateExpression(expression, { requests: [20, 10, 8, 12], errors: [15, 10, 7, 6], client_errors: [10, 10, 4, 6] });

    // Assess
    expect(rate).toEqual([50, 0, 0, 0]);
  });

  it('latency-p99: the percentile, judged only on enough samples', () => {
    // Prepare
    const { expression } = mathOf('latency-p99');

    // Act
    const latency = evaluateExpression(expression, { p99: [12.5, 30, _, 9], samples: [150, 99, _, 100] });

    // Assess
    expect(latency).toEqual([12.5, 0, _, 9]);
  });

  it('tool error rate: percent of a tool\'s calls that failed, 0 under the minimum number of calls', () => {
    // Prepare
    const { expression } = mathOf('tool-error-rate-search-docs');

    // Act
    const rate = evaluateExpression(expression, { calls: [20, 5, 10, _], errors: [3, 5, _, 2] });

    // Assess: errors without calls (a late datapoint) give no datapoint: the condition is missing.
    expect(rate).toEqual([15, 0, 0, _]);
  });

  it('SLO burn windows: the failure ratio, 0 for a window with no failure or too few failures to judge', () => {
    // Prepare
    const { expression, threshold } = mathOf('slo-fast-burn-1h');

    // Act: a busy window, a window without failures, and a quiet window with 1 failure in 10 requests.
    const ratio = evaluateExpression(expression, {
      invocations: [1000, 400, 10],
      lambda_errors: [0, 0, 0],
      throttles: [0, 0, 0],
      errors: [80, _, 1],
      client_errors: [0, _, 0],
    });

    // Assess
    expect(ratio).toEqual([0.08, 0, 0]);
    expect(ratio[0]! > threshold).toBe(true);
  });

  it.each<[string, Record<string, (number | undefined)[]>, number]>([
    ['Lambda errors alone (crashes the wrapper never counted) burn', { invocations: [100], lambda_errors: [10], throttles: [0], errors: [_], client_errors: [_] }, 0.1],
    ['throttles count as failures and as requests', { invocations: [90], lambda_errors: [0], throttles: [10], errors: [_], client_errors: [_] }, 0.1],
    ['wrapper failures, Lambda errors and throttles add up, less client errors', { invocations: [990], lambda_errors: [20], throttles: [10], errors: [80], client_errors: [30] }, 80 / 970],
    ['4 failures are not judged', { invocations: [20], lambda_errors: [4], throttles: [0], errors: [_], client_errors: [_] }, 0],
    ['9 requests are not judged, even all failing', { invocations: [4], lambda_errors: [0], throttles: [5], errors: [_], client_errors: [_] }, 0],
    ['invalid_input does not burn: client errors are no failures', { invocations: [100], lambda_errors: [0], throttles: [0], errors: [60], client_errors: [60] }, 0],
    ['client errors leave the requests too: 5 failures of 12 served', { invocations: [100], lambda_errors: [0], throttles: [0], errors: [93], client_errors: [88] }, 5 / 12],
    ['client errors are subtracted before the minimum: 6 served requests are not judged', { invocations: [100], lambda_errors: [0], throttles: [0], errors: [99], client_errors: [94] }, 0],
  ])('SLO burn window: %s', (_case, inputs, expected) => {
    // Prepare
    const { expression, threshold } = mathOf('slo-fast-burn-1h');

    // Act
    const [ratio] = evaluateExpression(expression, inputs);

    // Assess
    expect(ratio).toBeCloseTo(expected, 12);
    expect(ratio! > threshold).toBe(expected > threshold);
  });

  it('lambda-errors, lambda-throttles and monitoring-silent-partial: shares of the AWS/Lambda counts, 0 below their minimums', () => {
    // Prepare
    const errors = mathOf('lambda-errors').expression;
    const throttles = mathOf('lambda-throttles').expression;
    const silent = mathOf('monitoring-silent-partial').expression;

    // Act
    const errorShare = evaluateExpression(errors, { invocations: [20, 4, _], lambda_errors: [5, 4, _] });
    const throttleShare = evaluateExpression(throttles, { invocations: [3, 95, 0], throttles: [1, 5, 10] });
    const uncounted = evaluateExpression(silent, { invocations: [100, 100, 9, 40], lambda_errors: [10, 0, 0, 0], requests: [90, _, _, 10] });

    // Assess: 4 invocations and 4 requests are under the minimum; every request throttled is 100 %.
    expect(errorShare).toEqual([25, 0, _]);
    expect(throttleShare).toEqual([0, 5, 100]);
    expect(uncounted).toEqual([0, 100, 0, 75]);
  });

  it('invalid-input-rate: percent of requests refused as invalid_input, invalid absent counted as 0', () => {
    // Prepare
    const { expression } = mathOf('invalid-input-rate');

    // Act
    const share = evaluateExpression(expression, { requests: [100, 100, 19], invalid: [30, _, 19] });

    // Assess
    expect(share).toEqual([30, 0, 0]);
  });

  it('quality-score: the mean score, 1 (never breaching) without enough scores', () => {
    // Prepare
    const { expression, threshold } = mathOf('quality-score');

    // Act
    const score = evaluateExpression(expression, { score: [0.6, 0.2, _], scores: [12, 3, _] });

    // Assess
    expect(score).toEqual([0.6, 1, _]);
    expect(score[1]! < threshold).toBe(false);
  });
});

describe('missing values, FILL and IF (CloudWatch user guide, metric math)', () => {
  it.each([
    ['a + b', [1, _, 3, _], [10, 20, _, _], [11, 20, 3, _]],
    ['a - b', [1, _, 3, _], [10, 20, _, _], [-9, -20, 3, _]],
    ['a * b', [2, _, 3, _], [10, 20, _, _], [20, 0, 0, _]],
    ['a / b', [10, 0, 3, 6], [4, 5, 0, _], [2.5, 0, _, _]],
    ['a / 2 + 1', [4, _, -2, 0], [0, 0, 0, 0], [3, _, 0, 1]],
    ['-(a - b) * 2', [2, _, 3, 1], [1, 1, _, 5], [-2, 2, -6, 8]],
  ])('%s of a=%j and b=%j is %j', (expression, a, b, expected) => {
    // Act
    const result = evaluateExpression(expression, { a, b });

    // Assess
    expect(result).toEqual(expected);
  });

  it('comparisons yield 1 or 0, treating a value missing in one series only as 0 (the guide\'s example)', () => {
    // Prepare: metric1 = [30, 20, 0, 0], metric2 = [20, -, 20, -].
    const inputs = { metric1: [30, 20, 0, 0], metric2: [20, _, 20, _] };

    // Act
    const less = evaluateExpression('metric1 < metric2', inputs);
    const atLeast = evaluateExpression('metric1 >= 30', inputs);
    const equal = evaluateExpression('metric1 == 0', inputs);
    const missingScalar = evaluateExpression('metric2 > 5', inputs);

    // Assess
    expect(less).toEqual([0, 0, 1, 0]);
    expect(atLeast).toEqual([1, 0, 0, 0]);
    expect(equal).toEqual([0, 0, 1, 1]);
    expect(missingScalar).toEqual([1, _, 1, _]);
  });

  it('FILL replaces every missing period of the range with its number', () => {
    // Act
    const filled = evaluateExpression('FILL(a, 0) + FILL(b, -1)', { a: [1, _, _], b: [_, 2, _] });

    // Assess
    expect(filled).toEqual([0, 2, -1]);
  });

  it("IF follows the guide's tables for series and number branches", () => {
    // Prepare: the guide's metric1 = [1, 1, 0, 0, -], metric2 = [30, -, 0, 0, 30], metric3 = [0, 0, 20, -, 20].
    const inputs = { metric1: [1, 1, 0, 0, _], metric2: [30, _, 0, 0, 30], metric3: [0, 0, 20, _, 20] };

    // Act
    const series = evaluateExpression('IF(metric1, metric2, metric3)', inputs);
    const scalarTrue = evaluateExpression('IF(metric1, 5, metric3)', inputs);
    const scalarFalse = evaluateExpression('IF(metric1, metric2, 5)', inputs);
    const noFalse = evaluateExpression('IF(metric1, metric2)', inputs);

    // Assess
    expect(series).toEqual([30, 0, 20, _, _]);
    expect(scalarTrue).toEqual([5, 5, 20, _, _]);
    expect(scalarFalse).toEqual([30, 0, 5, 5, _]);
    expect(noFalse).toEqual([30, 0, _, _, _]);
  });

  it('IF with a constant condition picks a whole branch', () => {
    // Act
    const whenTrue = evaluateExpression('IF(1, a, b)', { a: [1, _], b: [2, 2] });
    const whenFalse = evaluateExpression('IF(1 - 1, a, b)', { a: [1, _], b: [2, 2] });

    // Assess
    expect(whenTrue).toEqual([1, _]);
    expect(whenFalse).toEqual([2, 2]);
  });
});

describe('expressions outside the subset', () => {
  it.each([
    ['AVG(a)', 0, 'unsupported function AVG'],
    ['a ^ 2', 2, 'unexpected "^"'],
    ['a > 1 AND b > 1', 6, 'expected the end of the expression, found "AND"'],
    ['FILL(a, REPEAT)', 8, 'unsupported function REPEAT'],
    ['IF(a)', 4, 'IF takes 2 or 3 arguments, got 1'],
    ['a + c', 4, 'unknown metric id c; the alarm defines a, b'],
    ['(a + b', 6, 'expected ")", found the end of the expression'],
    ['a > b > 1', 6, 'comparisons cannot be chained'],
    ['SUM(a)', 0, 'unsupported function SUM'],
    ['a + [b]', 4, 'unexpected "["'],
    ['a + "b"', 4, 'unexpected "\\""'],
  ])('refuses %s, naming position %i', (expression, position, problem) => {
    // Act
    const compile = () => compileMetricMath(expression, ['a', 'b']);

    // Assess
    expect(compile).toThrow(MetricMathError);
    expect(compile).toThrow(`Metric math ${JSON.stringify(expression)} at position ${position}: ${problem}`);
  });

  it('refuses an expression that yields a number instead of a time series', () => {
    // Act
    const evaluate = () => evaluateExpression('1 + 2', { a: [1] });

    // Assess
    expect(evaluate).toThrow('the expression yields a single number, not a time series');
  });
});
