import { alarmCatalog, ALARM_IDS } from '../../../lib/catalog/alarms';
import { AlarmEvaluator, evaluateExpression, type FillOfAbsentSeries } from '../../../local/alarms';
import { LambdaMetricsRecorder } from '../../../local/lambda/lambda-metrics-recorder';
import { MetricStore } from '../../../local/metrics';
import { at } from '../../support/emf-lines';

const _ = undefined;

describe("fillOfAbsentSeries: FILL of a series with no datapoint in the whole range ('fills' by default, or 'empty')", () => {
  it.each<[FillOfAbsentSeries | undefined, (number | undefined)[]]>([
    [undefined, [0, 0, 0]],
    ['fills', [0, 0, 0]],
    ['empty', [_, _, _]],
  ])('FILL of a series absent from the whole range, mode %s', (mode, expected) => {
    // Act
    const filled = evaluateExpression('FILL(errors, 0) + requests', { errors: [_, _, _], requests: [_, _, _] }, mode ? { fillOfAbsentSeries: mode } : {});

    // Assess
    expect(filled).toEqual(expected);
  });

  it.each<FillOfAbsentSeries>(['fills', 'empty'])('FILL of a series with one datapoint in the range fills the others alike (%s)', (mode) => {
    // Act
    const filled = evaluateExpression('FILL(errors, 0)', { errors: [_, 3, _] }, { fillOfAbsentSeries: mode });

    // Assess
    expect(filled).toEqual([0, 3, 0]);
  });

  it.each<[FillOfAbsentSeries, (number | undefined)[], (number | undefined)[]]>([
    ['fills', [10, 20, _], [1, 1, _]],
    ['empty', [_, _, _], [_, _, _]],
  ])('%s: arithmetic and comparisons with a series absent from the whole range', (mode, sums, comparisons) => {
    // Prepare: lambda_errors has no datapoint at all; a period missing in both stays missing either way.
    const inputs = { invocations: [10, 20, _], lambda_errors: [_, _, _] };

    // Act
    const sum = evaluateExpression('invocations + lambda_errors', inputs, { fillOfAbsentSeries: mode });
    const comparison = evaluateExpression('invocations > lambda_errors', inputs, { fillOfAbsentSeries: mode });

    // Assess
    expect(sum).toEqual(sums);
    expect(comparison).toEqual(comparisons);
  });

  it('empty: a series missing in some periods only keeps the usual rules (missing in one operand counts as 0)', () => {
    // Act
    const sum = evaluateExpression('a + b', { a: [1, _, 3], b: [_, 2, _] }, { fillOfAbsentSeries: 'empty' });

    // Assess
    expect(sum).toEqual([1, 2, 3]);
  });

  it.each<[FillOfAbsentSeries, string]>([
    ['fills', 'ALARM'],
    ['empty', 'OK'],
  ])('AlarmEvaluator passes the mode to its alarms: monitoring-silent-partial with no request ever counted is %s', (mode, state) => {
    // Prepare: 20 minutes of ten successful invocations a minute, no EMF at all.
    const store = new MetricStore();
    const lambda = new LambdaMetricsRecorder(store, 'agent-agent');
    const evaluator = new AlarmEvaluator({ definitions: alarmCatalog(), store, fillOfAbsentSeries: mode });

    // Act
    for (let m = 0; m < 20; m++) {
      for (let i = 0; i < 10; i++) lambda.invocation({ startMs: at(m + i / 10), durationMs: 500, failed: false });
      evaluator.evaluate(at(m + 1));
    }

    // Assess
    expect(evaluator.state(ALARM_IDS.monitoringSilentPartial).state).toBe(state);
    expect(evaluator.state(ALARM_IDS.monitoringSilent).state).toBe('ALARM');
  });
});
