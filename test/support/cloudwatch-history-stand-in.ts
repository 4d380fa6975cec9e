import { METRICS } from '../../lib/catalog/metrics';
import { MetricStore } from '../../local/metrics';
import { startAwsStandIn, type AwsStandIn, type OperationHandler } from './aws-stand-in';
import { cloudWatchHandlers } from './aws-stand-ins-judge';

/**
 * GetMetricData as CloudWatch answers it, from a local MetricStore (e.g. the history a
 * simulation recorded), in the protocol @aws-sdk/client-cloudwatch 3.11xx speaks: AWS JSON 1.0
 * (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, times in epoch seconds).
 *
 * Periods start at StartTime (rounded down to the minute) and step by the query's Period up to
 * EndTime; a period without datapoints is left out; percentiles are computed from the store's
 * raw values. Results come in ScanBy order (TimestampDescending by default, as CloudWatch). At
 * most `pageDatapoints` datapoints (and MaxDatapoints) go in one reply, the rest behind a
 * NextToken, the cut results marked PartialData. More than 500 queries are refused.
 */
export function getMetricDataHandler(store: MetricStore, options: { readonly pageDatapoints?: number } = {}): OperationHandler {
  return (body) => {
    const queries: any[] = body.MetricDataQueries ?? [];
    if (queries.length > 500) return { status: 400, body: { __type: 'InvalidParameterValueException', message: 'The collection MetricDataQueries must not have a size greater than 500.' } };
    const start = Math.floor(Number(body.StartTime) / 60) * 60_000;
    const end = Number(body.EndTime) * 1000;
    const descending = body.ScanBy !== 'TimestampAscending';
    const series = queries.map((query) => datapoints(store, query, start, end, descending));
    const limit = Math.min(options.pageDatapoints ?? 100_800, body.MaxDatapoints ?? 100_800);
    const offset = body.NextToken ? Number(body.NextToken) : 0;
    const total = series.reduce((sum, points) => sum + points.length, 0);
    let skipped = 0;
    let taken = 0;
    const results = queries.map((query, index) => {
      const points = series[index];
      const from = Math.min(points.length, Math.max(0, offset - skipped));
      const count = Math.max(0, Math.min(points.length - from, limit - taken));
      skipped += points.length;
      taken += count;
      const page = points.slice(from, from + count);
      return { Id: query.Id, Label: query.MetricStat.Metric.MetricName, Timestamps: page.map(([time]) => time / 1000), Values: page.map(([, value]) => value), StatusCode: from + count < points.length ? 'PartialData' : 'Complete' };
    });
    const next = offset + taken;
    return { body: { MetricDataResults: results, Messages: [], ...(next < total ? { NextToken: String(next) } : {}) } };
  };
}

/** A CloudWatch stand-in (PutMetricData as the judge's, GetMetricData from `store`), reached through AWS_ENDPOINT_URL_CLOUDWATCH. */
export function startCloudWatchHistoryStandIn(store: MetricStore, options: { readonly pageDatapoints?: number } = {}): Promise<AwsStandIn> {
  return startAwsStandIn({ ...cloudWatchHandlers(), GetMetricData: getMetricDataHandler(store, options) });
}

function datapoints(store: MetricStore, query: any, start: number, end: number, descending: boolean): [number, number][] {
  const { Metric, Period, Stat } = query.MetricStat;
  const dimensions = Object.fromEntries((Metric.Dimensions ?? []).map((dimension: any) => [dimension.Name, dimension.Value]));
  const periodMs = Period * 1000;
  const count = Math.floor((end - start) / periodMs);
  const values = store.query({ namespace: Metric.Namespace, metricName: Metric.MetricName, dimensions, statistic: Stat }, { end: start + count * periodMs, periodSeconds: Period, count });
  const points: [number, number][] = [];
  values.forEach((value, index) => {
    if (value !== undefined) points.push([start + index * periodMs, value]);
  });
  return descending ? points.reverse() : points;
}

/** A metric history of one hour from `start`: 20 requests a minute lasting 1.5 s, half of them failing from minute 30 on. */
export function failingHour(start: number): MetricStore {
  const store = new MetricStore({ retentionSeconds: 86_400 });
  const service = { service: 'agent' };
  for (let minute = 0; minute < 60; minute++) {
    const time = Math.floor(start / 60_000) * 60_000 + minute * 60_000;
    for (let i = 0; i < 20; i++) {
      store.addDatapoint({ namespace: 'AgentMonitoring', metricName: METRICS.requests.name, dimensions: service }, time, 1);
      store.addDatapoint({ namespace: 'AgentMonitoring', metricName: METRICS.errors.name, dimensions: service }, time, minute >= 30 && i % 2 === 0 ? 1 : 0);
      store.addDatapoint({ namespace: 'AgentMonitoring', metricName: METRICS.duration.name, dimensions: service }, time, 1.5);
    }
  }
  return store;
}
