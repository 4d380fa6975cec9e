/**
 * Which metrics are SPARSE, and the rule every math expression of the catalog keeps because
 * of them.
 *
 * A sparse metric is one the runtime writes only when it is not zero: a minute without
 * failures has no datapoint of the errors metric at all, not a 0 (request-monitor.ts leaves
 * out every zero). Whether CloudWatch's `FILL(m, 0)` yields values when `m` has NO datapoint
 * in the whole range an alarm queries is not something we can confirm, so no alarm may depend
 * on it. The safe assumption is the worst one: the total absence of any sparse series may
 * empty the whole expression (no datapoint, and the alarm's `treatMissingData` decides).
 *
 * That is harmless for ONE sparse series over dense traffic, in an alarm that fires on high
 * values and treats missing data as not breaching: `FILL(errors, 0) / requests` with no error
 * in the window is empty, so OK, which is right. It is a blind spot as soon as the absence of
 * one sparse series can hide the presence of another: `FILL(a, 0) + FILL(b, 0)` says nothing
 * when b never happened however many a there were. Hence the rule: an expression reads at
 * most one independent sparse series (`sparseSeriesProblems`).
 *
 * Where a total absence is the very case to catch, the catalog does not rely on FILL of an
 * absent series either: every SLO burn window has a `-lambda` twin over the dense AWS/Lambda
 * counts only (crashes, throttles, a bad deploy: windows where the wrapper wrote no failure),
 * and monitoring-silent's total loss is caught by `monitoring-silent-absent` (no requests,
 * missing data breaching) AND `invoked`, not by `FILL(requests, 0)`. The local evaluator's
 * `fillOfAbsentSeries: 'empty'` models the pessimistic behaviour, and the ground-truth tests run
 * in both modes.
 *
 * Dense is the exception and must be declared: every metric not in `DENSE_METRICS` counts as
 * sparse, so a new metric is treated as sparse until someone checks how it is written.
 */
import { METRICS, type MetricSpec } from '../metrics';
import { AWS_LAMBDA_METRICS } from './lambda-metrics';
import type { MathExpression, MetricAlarmDefinition, MetricRef } from './types';

/**
 * Written in the EMF document of every invocation (request count and duration): absent only in
 * a period without traffic, where every other metric of the agent is absent too. And the
 * AWS/Lambda metrics, which Lambda publishes, zeros included, for every minute the function
 * receives requests (lambda-metrics.ts): their absence means no traffic at all.
 */
export const DENSE_METRICS: ReadonlySet<MetricSpec> = new Set<MetricSpec>([
  METRICS.requests,
  METRICS.duration,
  AWS_LAMBDA_METRICS.invocations,
  AWS_LAMBDA_METRICS.errors,
  AWS_LAMBDA_METRICS.throttles,
  AWS_LAMBDA_METRICS.duration,
  AWS_LAMBDA_METRICS.concurrentExecutions,
]);

/**
 * A sparse metric → a sparse metric the runtime writes whenever it writes the first, in the
 * same document and with the same dimensions. The second's absence then implies the first's,
 * so it hides nothing of it: a tool's calls are the traffic of that tool's errors (every
 * failed tool call is also counted as a call, request-monitor.ts). The failed requests and
 * the client errors among them are written together in every failure's document (0 client
 * errors included), each in the other's company: one series, present or absent together.
 */
export const ALWAYS_WRITTEN_WITH: ReadonlyMap<MetricSpec, MetricSpec> = new Map<MetricSpec, MetricSpec>([
  [METRICS.toolErrors, METRICS.toolCalls],
  [METRICS.errors, METRICS.clientErrors],
  [METRICS.clientErrors, METRICS.errors],
]);

/** Whether a metric may be absent in a period where the agent has traffic. */
export function isSparse(ref: MetricRef): boolean {
  return !DENSE_METRICS.has(ref.metric);
}

/**
 * The sparse series of an expression whose absence could hide another series, each as the ids
 * that read it (ids reading the same metric with the same dimensions, with different
 * statistics, are one series: present or absent together). A series always written with
 * another sparse series of the expression is left out (a tool's calls next to its errors).
 */
export function independentSparseSeries(math: MathExpression): string[][] {
  const series = new Map<string, { ref: MetricRef; ids: string[] }>();
  for (const [id, ref] of Object.entries(math.metrics)) {
    if (!isSparse(ref)) continue;
    const key = seriesKey(ref);
    const entry = series.get(key) ?? { ref, ids: [] };
    entry.ids.push(id);
    series.set(key, entry);
  }
  const independent = [...series.values()];
  for (const s of [...independent]) {
    if (independent.some((other) => other !== s && alwaysWrittenWith(other.ref, s.ref))) independent.splice(independent.indexOf(s), 1);
  }
  return independent.map((s) => s.ids);
}

/** Breaches of the sparse-data rule in one metric alarm (empty for a sound alarm). */
export function sparseDataProblems(definition: MetricAlarmDefinition): string[] {
  const problems: string[] = [];
  const refs = definition.metric ? [definition.metric] : Object.values(definition.math?.metrics ?? {});
  if (definition.math) {
    const independent = independentSparseSeries(definition.math);
    if (independent.length > 1) {
      problems.push(
        `math combines ${independent.length} sparse series (${independent.map((ids) => ids.join('/')).join(', ')}): ` +
          'the absence of one may empty the expression and hide the other; use one alarm per series and a composite',
      );
    }
  }
  if (refs.some(isSparse) && definition.treatMissingData !== 'notBreaching') {
    problems.push('reads a sparse metric, so it must treat missing data as notBreaching (no datapoint means nothing happened)');
  }
  return problems.map((problem) => `alarm ${definition.id}: ${problem}`);
}

function alwaysWrittenWith(sparse: MetricRef, companion: MetricRef): boolean {
  return (
    ALWAYS_WRITTEN_WITH.get(sparse.metric) === companion.metric &&
    sparse.namespace === companion.namespace &&
    dimensionsKey(sparse) === dimensionsKey(companion)
  );
}

function seriesKey(ref: MetricRef): string {
  return JSON.stringify([ref.namespace, ref.metric.name, dimensionsKey(ref)]);
}

function dimensionsKey(ref: MetricRef): string {
  return JSON.stringify(Object.entries(ref.dimensions).sort(([a], [b]) => a.localeCompare(b)));
}
