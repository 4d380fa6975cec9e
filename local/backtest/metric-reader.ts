/**
 * Reads a fetch plan from CloudWatch with GetMetricData, following NextToken, into a
 * MetricHistory. The client is the caller's (cloudWatchClient() builds the default one).
 */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { boundedClientConfig } from '../../functions/shared/aws/bounded-client';
import { MINUTE_STATISTICS, type FetchBatch, type FetchPlan, type FetchQuery, type MinuteStatistic } from './fetch-plan';
import { MetricHistory } from './metric-history';

/** The part of a CloudWatch client the reader uses. */
export interface GetMetricDataClient {
  send(command: GetMetricDataCommand): Promise<{ MetricDataResults?: MetricDataResult[]; NextToken?: string }>;
}

/**
 * A CloudWatch client as the AWS CLI would be configured: credentials and region from the SDK's
 * default chains (environment, shared config and credentials files, AWS_PROFILE, SSO, instance
 * roles), the endpoint from AWS_ENDPOINT_URL_CLOUDWATCH when set, and the kit's bounded timeouts.
 */
export function cloudWatchClient(): CloudWatchClient {
  return new CloudWatchClient(boundedClientConfig());
}

/** Progress of a read: calls made (pages included) and batches done out of all. */
export type ReadProgress = (done: number, total: number) => void;

/**
 * Fetches every batch of `plan`, page by page, and returns the history it fills. A query whose
 * results CloudWatch reports as `Forbidden` or `InternalError` fails the read, naming the metric.
 *
 * @example
 * const history = await readMetricHistory(cloudWatchClient(), fetchPlan(definitions, range));
 */
export async function readMetricHistory(client: GetMetricDataClient, plan: FetchPlan, onBatch?: ReadProgress): Promise<MetricHistory> {
  const history = new MetricHistory(plan.start, plan.end);
  let done = 0;
  for (const batch of plan.batches) {
    const results = await readBatch(client, batch);
    for (const query of batch.queries) store(history, query, results.get(query.id));
    onBatch?.(++done, plan.batches.length);
  }
  return history;
}

interface Collected {
  timestamps: number[];
  values: number[];
}

async function readBatch(client: GetMetricDataClient, batch: FetchBatch): Promise<Map<string, Collected>> {
  const byId = new Map(batch.queries.map((query) => [query.id, query]));
  const collected = new Map<string, Collected>();
  let nextToken: string | undefined;
  do {
    const reply = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: batch.queries.map(toQuery),
        StartTime: new Date(batch.startTime),
        EndTime: new Date(batch.endTime),
        ScanBy: 'TimestampAscending',
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    for (const result of reply.MetricDataResults ?? []) {
      const query = result.Id ? byId.get(result.Id) : undefined;
      if (!query) continue;
      if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
        throw new Error(`GetMetricData ${query.series.namespace} ${query.series.metricName} ${query.stat}: ${result.StatusCode}`);
      }
      let entry = collected.get(query.id);
      if (!entry) collected.set(query.id, (entry = { timestamps: [], values: [] }));
      (result.Timestamps ?? []).forEach((time, i) => {
        entry.timestamps.push(time.getTime());
        entry.values.push(result.Values?.[i] ?? NaN);
      });
    }
    nextToken = reply.NextToken || undefined;
  } while (nextToken);
  return collected;
}

function toQuery(query: FetchQuery): MetricDataQuery {
  return {
    Id: query.id,
    MetricStat: {
      Metric: {
        Namespace: query.series.namespace,
        MetricName: query.series.metricName,
        Dimensions: Object.entries(query.series.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: query.periodSeconds,
      Stat: query.stat,
    },
    ReturnData: true,
  };
}

function store(history: MetricHistory, query: FetchQuery, collected: Collected | undefined): void {
  if (!collected) return;
  if ((MINUTE_STATISTICS as readonly string[]).includes(query.stat) && query.periodSeconds === 60) {
    history.addMinuteValues(query.key, query.stat as MinuteStatistic, collected.timestamps, collected.values);
  } else {
    history.addPercentileValues(query.key, query.stat, query.periodSeconds, collected.timestamps, collected.values);
  }
}
