import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { runJudge } from '../../../functions/judge/judge-run';
import { JudgeMetricsPublisher, MAX_DATA_PER_CALL } from '../../../functions/judge/metrics-publisher';
import { metricPoints } from '../../support/aws-stand-ins-judge';
import { LOCAL_AWS } from '../../support/dynalite';
import { buildJudge, capturedSample, freshTables, judgeEnv, NAMESPACE, seedSamples, SERVICE, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

/** The PutMetricData calls since the `callIndex`th, and their values as CloudWatch records them. */
function pointsSince(callIndex: number) {
  const calls = standIns.aws.cloudwatch.calls.slice(callIndex);
  return { calls, points: metricPoints(calls) };
}

describe('the metrics of a judge run', () => {
  it('publishes each score at its response time, and the run counts at the run time', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const hour = 3_600_000;
    const createdAt = [Date.now() - 3 * hour, Date.now() - 2 * hour, Date.now() - hour];
    await seedSamples(standIns, tables.samples, [
      capturedSample('m-0', 'quality=0.5', createdAt[0]),
      capturedSample('m-1', 'quality=0.7', createdAt[1]),
      capturedSample('m-2', 'quality=0.95', createdAt[2]),
    ]);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));
    const before = standIns.aws.cloudwatch.calls.length;
    const runStarted = Date.now();

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    const { calls, points } = pointsSince(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['x-amz-target']).toBe('GraniteServiceVersion20100801.PutMetricData');
    expect(points.every((point) => point.namespace === NAMESPACE)).toBe(true);
    expect(points.every((point) => JSON.stringify(point.dimensions) === JSON.stringify({ service: SERVICE }))).toBe(true);
    const scores = points.filter((point) => point.name === JUDGE_METRICS.qualityScore.name);
    expect(scores.map((point) => [point.value, point.timestamp, point.unit])).toEqual([
      [0.5, createdAt[0], 'None'],
      [0.7, createdAt[1], 'None'],
      [0.95, createdAt[2], 'None'],
    ]);
    const value = (name: string) => points.find((point) => point.name === name);
    expect(value(JUDGE_METRICS.evaluations.name)).toMatchObject({ value: 3, unit: 'Count' });
    expect(value(JUDGE_METRICS.failures.name)?.value).toBe(0);
    expect(value(JUDGE_METRICS.backlog.name)?.value).toBe(0);
    expect(value(JUDGE_METRICS.oldestPendingAgeSeconds.name)).toMatchObject({ value: 0, unit: 'Seconds' });
    expect(value(JUDGE_METRICS.costUsd.name)?.value).toBeCloseTo(summary.costUsd, 9);
    expect(value(JUDGE_METRICS.qualityDrift.name)?.value).toBe(0);
    expect(value(JUDGE_METRICS.evaluations.name)?.timestamp).toBeGreaterThanOrEqual(Math.floor(runStarted / 1000) * 1000);
  });

  it('reports the pending backlog and the age of its oldest sample', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const now = Date.now();
    await seedSamples(standIns, tables.samples, [0, 1, 2, 3, 4].map((index) => capturedSample(`b-${index}`, 'quality=0.9', now - (5 - index) * 600_000)));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_MAX_SAMPLES_PER_RUN: '2' }), () => now);
    const before = standIns.aws.cloudwatch.calls.length;

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary.backlog).toEqual({ pending: 3, oldestPendingAgeSeconds: 1800 });
    const { points } = pointsSince(before);
    expect(points.find((point) => point.name === JUDGE_METRICS.backlog.name)?.value).toBe(3);
    expect(points.find((point) => point.name === JUDGE_METRICS.oldestPendingAgeSeconds.name)?.value).toBe(1800);
  });

  it('sends at most 1000 values per PutMetricData call, compressed as the SDK does', async () => {
    // Prepare
    const cloudwatch = new CloudWatchClient({ ...LOCAL_AWS, endpoint: standIns.aws.cloudwatch.endpoint });
    const publisher = new JudgeMetricsPublisher({ cloudwatch, namespace: NAMESPACE, service: SERVICE });
    const at = Date.now();
    const scores = Array.from({ length: 2500 }, (_, index) => ({ value: (index % 100) / 100, createdAt: at - index * 1000 }));
    const before = standIns.aws.cloudwatch.calls.length;

    // Act
    const result = await publisher.publish({ at, scores, evaluations: 2500, failures: 0, backlog: 0, oldestPendingAgeSeconds: 0, costUsd: 0.5, drift: 1 });

    // Assess
    const { calls, points } = pointsSince(before);
    expect(result).toEqual({ calls: 3, data: 2506, tooOld: 0 });
    expect(calls.map((call) => call.body.MetricData.length)).toEqual([MAX_DATA_PER_CALL, MAX_DATA_PER_CALL, 506]);
    expect(calls.every((call) => call.headers['content-encoding'] === 'gzip')).toBe(true);
    expect(points.filter((point) => point.name === JUDGE_METRICS.qualityScore.name).map((point) => point.timestamp)).toEqual(scores.map((score) => score.createdAt));
  });

  it('leaves out scores older than CloudWatch accepts, and counts them', async () => {
    // Prepare
    const cloudwatch = new CloudWatchClient({ ...LOCAL_AWS, endpoint: standIns.aws.cloudwatch.endpoint });
    const publisher = new JudgeMetricsPublisher({ cloudwatch, namespace: NAMESPACE, service: SERVICE });
    const at = Date.now();
    const before = standIns.aws.cloudwatch.calls.length;

    // Act
    const result = await publisher.publish({ at, scores: [{ value: 0.4, createdAt: at - 15 * 86_400_000 }, { value: 0.8, createdAt: at - 1000 }], evaluations: 2, failures: 0, backlog: 0, oldestPendingAgeSeconds: 0, costUsd: 0 });

    // Assess
    expect(result).toEqual({ calls: 1, data: 6, tooOld: 1 });
    expect(pointsSince(before).points.filter((point) => point.name === JUDGE_METRICS.qualityScore.name).map((point) => point.value)).toEqual([0.8]);
  });

  it('keeps the scores and reports the failure when CloudWatch is unreachable', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, [capturedSample('kept', 'quality=0.9', Date.now() - 60_000)]);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));
    const unreachable = new CloudWatchClient({ ...LOCAL_AWS, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const deps = { ...judge.deps, metrics: new JudgeMetricsPublisher({ cloudwatch: unreachable, namespace: NAMESPACE, service: SERVICE }) };

    // Act
    const summary = await runJudge(deps);

    // Assess
    expect(summary.scored).toBe(1);
    expect(summary.metrics).toBeUndefined();
    expect(summary.errors).toEqual([expect.stringMatching(/^PutMetricData failed: /)]);
    expect(judge.logs.find((log) => log.level === 'error')?.message).toBe('judge PutMetricData failed');
  });

  it('publishes the scores and checks drift when the backlog cannot be measured, and reports the failure', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const createdAt = Date.now() - 60_000;
    await seedSamples(standIns, tables.samples, [capturedSample('b-0', 'quality=0.6', createdAt), capturedSample('b-1', 'quality=0.8', createdAt + 1000)]);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));
    let driftChecks = 0;
    const deps = {
      ...judge.deps,
      backlog: async () => Promise.reject(Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ProvisionedThroughputExceededException' })),
      drift: { check: () => (driftChecks++, judge.deps.drift.check()) },
    };
    const before = standIns.aws.cloudwatch.calls.length;

    // Act
    const summary = await runJudge(deps);

    // Assess
    expect(summary).toMatchObject({ scored: 2, drift: { state: 'ok', verdict: 'insufficient' }, metrics: { calls: 1 } });
    expect(summary.backlog).toBeUndefined();
    expect(summary.errors).toEqual([expect.stringMatching(/^backlog measurement failed: ProvisionedThroughputExceededException: Rate of requests/)]);
    expect(driftChecks).toBe(1);
    const { points } = pointsSince(before);
    expect(points.filter((point) => point.name === JUDGE_METRICS.qualityScore.name).map((point) => [point.value, point.timestamp])).toEqual([
      [0.6, createdAt],
      [0.8, createdAt + 1000],
    ]);
    expect(points.find((point) => point.name === JUDGE_METRICS.qualityDrift.name)?.value).toBe(0);
    expect(points.find((point) => point.name === JUDGE_METRICS.evaluations.name)?.value).toBe(2);
    expect(points.filter((point) => point.name === JUDGE_METRICS.backlog.name || point.name === JUDGE_METRICS.oldestPendingAgeSeconds.name)).toEqual([]);
    expect(judge.logs.find((log) => log.level === 'error')?.message).toBe('judge backlog measurement failed');
  });

  it('decodes the awsQuery form that older CloudWatch clients send, like the JSON one', async () => {
    // Prepare
    const form = new URLSearchParams({
      Action: 'PutMetricData',
      Version: '2010-08-01',
      Namespace: NAMESPACE,
      'MetricData.member.1.MetricName': JUDGE_METRICS.qualityScore.name,
      'MetricData.member.1.Value': '0.42',
      'MetricData.member.1.Unit': 'None',
      'MetricData.member.1.Timestamp': '2026-01-02T03:04:05.000Z',
      'MetricData.member.1.Dimensions.member.1.Name': 'service',
      'MetricData.member.1.Dimensions.member.1.Value': SERVICE,
    });
    const before = standIns.aws.cloudwatch.calls.length;

    // Act
    const response = await fetch(standIns.aws.cloudwatch.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^<PutMetricDataResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/">/);
    expect(pointsSince(before).points).toEqual([
      { namespace: NAMESPACE, name: JUDGE_METRICS.qualityScore.name, value: 0.42, unit: 'None', timestamp: Date.parse('2026-01-02T03:04:05.000Z'), dimensions: { service: SERVICE } },
    ]);
  });
});
