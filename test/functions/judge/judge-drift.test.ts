import { parseNotification } from '../../../functions/alert-router/parse-message';
import { slackPayload } from '../../../functions/alert-router/slack-payload';
import { BaselineStore } from '../../../functions/judge/baseline-store';
import { runJudge } from '../../../functions/judge/judge-run';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import type { CapturedSample } from '../../../functions/shared/capture/sample-store';
import { buildJudge, capturedSample, DRIFT_TOPIC_ARN, freshTables, judgeEnv, readItem, seedSamples, SERVICE, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

const HEALTHY = [0.86, 0.9, 0.94];
const DEGRADED = [0.8, 0.84, 0.88];
let clockStart = Date.now() - 20 * 3_600_000;

/** `count` samples cycling through `qualities`, each one second after the previous batch. */
function batch(prefix: string, count: number, qualities: readonly number[]): CapturedSample[] {
  const from = clockStart;
  clockStart += count * 1000;
  return Array.from({ length: count }, (_, index) => capturedSample(`${prefix}-${String(index).padStart(3, '0')}`, `An answer. quality=${qualities[index % qualities.length]}`, from + index * 1000));
}

function meanQuality(samples: readonly CapturedSample[]): number {
  return samples.reduce((sum, sample) => sum + Number(sample.answer.split('quality=')[1]), 0) / samples.length;
}

function lastDriftMetric(): number | undefined {
  return standIns.aws.metrics().filter((point) => point.name === JUDGE_METRICS.qualityDrift.name).at(-1)?.value;
}

describe('quality drift', () => {
  it('announces a drift episode once when it starts and once when it ends', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const env = judgeEnv(standIns, tables);
    const messagesBefore = standIns.aws.messages().length;
    const base = batch('base', 50, HEALTHY);
    await seedSamples(standIns, tables.samples, base);
    const baselineRun = await runJudge(buildJudge(standIns, env).deps);
    const degraded = batch('drop', 100, DEGRADED);
    await seedSamples(standIns, tables.samples, degraded);

    // Act
    const concurrent = await Promise.all([runJudge(buildJudge(standIns, env).deps), runJudge(buildJudge(standIns, env).deps)]);
    const driftMetric = lastDriftMetric();
    const stillDrifting = await runJudge(buildJudge(standIns, env).deps);
    const recovered = batch('back', 100, HEALTHY);
    await seedSamples(standIns, tables.samples, recovered);
    const recovery = await runJudge(buildJudge(standIns, env).deps);

    // Assess
    expect(baselineRun.drift).toEqual({ state: 'ok', verdict: 'ok' });
    expect(concurrent.filter((run) => run.drift?.notified === 'drifting')).toHaveLength(1);
    expect(driftMetric).toBe(1);
    expect(stillDrifting.drift).toEqual({ state: 'drifting', verdict: 'drifting' });
    expect(recovery.drift).toEqual({ state: 'recovered', verdict: 'ok', notified: 'recovered' });
    expect(lastDriftMetric()).toBe(0);

    const messages = standIns.aws.messages().slice(messagesBefore);
    expect(messages.map((message) => [message.topicArn, message.subject])).toEqual([
      [DRIFT_TOPIC_ARN, `Quality drift: ${SERVICE}`],
      [DRIFT_TOPIC_ARN, `Quality recovered: ${SERVICE}`],
    ]);
    const [start, end] = messages.map((message) => JSON.parse(message.message));
    const lowest = degraded.filter((sample) => sample.answer.endsWith('quality=0.8')).map((sample) => sample.sampleId).sort().slice(0, 3);
    expect(start).toEqual({
      type: 'quality_drift',
      state: 'drifting',
      severity: 'warning',
      title: `Quality drift: ${SERVICE}`,
      text: expect.stringMatching(/^Answer quality drifted: window mean 0\.84 is 6\.6\d* % under the baseline 0\.899 \(Mann–Whitney U p = [\d.e-]+\)\. /),
      service: SERVICE,
      windowMean: expect.closeTo(meanQuality(degraded), 9),
      baselineMean: expect.closeTo(meanQuality(base), 9),
      relativeDrift: expect.closeTo(1 - meanQuality(degraded) / meanQuality(base), 9),
      pValue: expect.any(Number),
      windowSize: 100,
      baselineSize: 50,
      lowestSampleIds: lowest,
      judgeVersion: baselineRun.judgeVersion,
      runbook: 'docs/runbooks/alarms/quality-drift.md',
      time: expect.any(String),
    });
    expect(start.pValue).toBeLessThan(0.01);
    expect(end).toMatchObject({ state: 'recovered', windowMean: expect.closeTo(meanQuality(recovered), 9), pValue: expect.any(Number) });
    expect(end.pValue).toBeGreaterThan(0.01);
  });

  it('reports a window mean under the absolute threshold as drift, even without a baseline', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const messagesBefore = standIns.aws.messages().length;
    await seedSamples(standIns, tables.samples, batch('low', 30, [0.6, 0.7]));

    // Act
    const run = await runJudge(buildJudge(standIns, judgeEnv(standIns, tables)).deps);

    // Assess
    expect(run.drift).toEqual({ state: 'drifting', verdict: 'drifting', notified: 'drifting' });
    const [message] = standIns.aws.messages().slice(messagesBefore).map((sent) => JSON.parse(sent.message));
    expect(message).toMatchObject({ windowMean: expect.closeTo(0.65, 6), baselineMean: null, pValue: null, baselineSize: 0 });
    expect(message.text).toContain('under the absolute threshold 0.8');
  });

  it('starts a new baseline for a new judge version instead of reporting drift', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const messagesBefore = standIns.aws.messages().length;
    const oldScores = batch('old-judge', 50, HEALTHY);
    await seedSamples(standIns, tables.samples, oldScores);
    const oldJudge = buildJudge(standIns, judgeEnv(standIns, tables));
    await runJudge(oldJudge.deps);
    const newScores = batch('new-judge', 100, DEGRADED);
    await seedSamples(standIns, tables.samples, newScores);
    const newJudge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_MODEL: 'gpt-4o' }));

    // Act
    const run = await runJudge(newJudge.deps);

    // Assess
    expect(newJudge.deps.version.id).not.toBe(oldJudge.deps.version.id);
    expect(run.drift).toEqual({ state: 'ok', verdict: 'ok' });
    expect(standIns.aws.messages().slice(messagesBefore)).toEqual([]);
    const baselines = new BaselineStore({ doc: standIns.dynamo.doc, tableName: tables.samples, service: SERVICE });
    expect(await baselines.get(oldJudge.deps.version)).toMatchObject({ source: 'auto', size: 50, mean: expect.closeTo(meanQuality(oldScores), 9), judgeModel: 'gpt-4o-mini' });
    expect(await baselines.get(newJudge.deps.version)).toMatchObject({ source: 'auto', size: 50, mean: expect.closeTo(meanQuality(newScores.slice(0, 50)), 9), judgeModel: 'gpt-4o' });
  });

  it('closes a drift episode once when the judge version changes, before the new version has enough scores', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const messagesBefore = standIns.aws.messages().length;
    await seedSamples(standIns, tables.samples, batch('v1-base', 50, HEALTHY));
    const oldJudge = buildJudge(standIns, judgeEnv(standIns, tables));
    await runJudge(oldJudge.deps);
    await seedSamples(standIns, tables.samples, batch('v1-drop', 100, DEGRADED));
    const drifting = await runJudge(oldJudge.deps);
    await seedSamples(standIns, tables.samples, batch('v2-first', 10, HEALTHY));
    const newEnv = judgeEnv(standIns, tables, { JUDGE_MODEL: 'gpt-4o' });

    // Act
    const concurrent = await Promise.all([runJudge(buildJudge(standIns, newEnv).deps), runJudge(buildJudge(standIns, newEnv).deps)]);
    const driftMetric = lastDriftMetric();
    const state = await readItem(standIns, tables.samples, `judge-drift#${SERVICE}`);
    await seedSamples(standIns, tables.samples, batch('v2-more', 10, HEALTHY));
    const later = await runJudge(buildJudge(standIns, newEnv).deps);

    // Assess
    const newVersion = concurrent[0].judgeVersion;
    expect(newVersion).not.toBe(drifting.judgeVersion);
    expect(drifting.drift).toMatchObject({ state: 'drifting', notified: 'drifting' });
    expect(concurrent.map((run) => run.drift?.state)).toEqual(['ok', 'ok']);
    expect(concurrent.filter((run) => run.drift?.notified === 'recovered')).toHaveLength(1);
    expect(concurrent.every((run) => run.drift?.verdict === 'insufficient')).toBe(true);
    expect(driftMetric).toBe(0);
    expect(state).toMatchObject({ state: 'ok', judgeVersion: newVersion });
    expect(state?.outbox).toBeUndefined();
    expect(later.drift).toEqual({ state: 'ok', verdict: 'insufficient' });
    expect(lastDriftMetric()).toBe(0);

    const messages = standIns.aws.messages().slice(messagesBefore);
    expect(messages.map((message) => message.subject)).toEqual([`Quality drift: ${SERVICE}`, `Quality recovered: ${SERVICE}`]);
    const closed = JSON.parse(messages[1].message);
    expect(closed).toMatchObject({
      type: 'quality_drift',
      state: 'recovered',
      reason: 'judge_version_changed',
      previousJudgeVersion: drifting.judgeVersion,
      judgeVersion: newVersion,
      lowestSampleIds: [],
    });
    expect(closed.text).toContain(`judge version changed from ${drifting.judgeVersion} to ${newVersion}`);
    expect(closed.text).toContain('not a quality recovery');
    expect(JSON.parse(messages[0].message).reason).toBeUndefined();
    const alert = parseNotification({ message: messages[1].message, subject: messages[1].subject, topicArn: messages[1].topicArn, messageId: 'm-2', timestamp: new Date().toISOString() });
    expect(alert).toMatchObject({ state: 'OK', key: `quality_drift:${SERVICE}` });
  });

  it('retries a drift message that SNS refused in a later run, and sends it once', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    let offsetMs = 0;
    const env = judgeEnv(standIns, tables);
    const judge = buildJudge(standIns, env, () => Date.now() + offsetMs);
    const messagesBefore = standIns.aws.messages().length;
    await seedSamples(standIns, tables.samples, batch('refused', 30, [0.5]));
    standIns.aws.failNextPublishes(3);
    const failedRun = await runJudge(judge.deps);
    const stateAfterFailure = await readItem(standIns, tables.samples, `judge-drift#${SERVICE}`);

    // Act
    offsetMs = 61_000;
    await runJudge(judge.deps);
    await runJudge(judge.deps);

    // Assess
    expect(failedRun.drift?.notified).toBe('drifting');
    expect(stateAfterFailure).toMatchObject({ state: 'drifting', outbox: { subject: `Quality drift: ${SERVICE}` } });
    expect(standIns.aws.messages().slice(messagesBefore).map((message) => message.subject)).toEqual([`Quality drift: ${SERVICE}`]);
    expect((await readItem(standIns, tables.samples, `judge-drift#${SERVICE}`))?.outbox).toBeUndefined();
  });

  it('writes a message the alert router reads as a warning with a title and state', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const messagesBefore = standIns.aws.messages().length;
    await seedSamples(standIns, tables.samples, batch('routed', 30, [0.55]));
    await runJudge(buildJudge(standIns, judgeEnv(standIns, tables)).deps);
    const [sent] = standIns.aws.messages().slice(messagesBefore);

    // Act
    const alert = parseNotification({ message: sent.message, subject: sent.subject, topicArn: sent.topicArn, messageId: 'm-1', timestamp: new Date().toISOString() });

    // Assess
    expect(alert).toMatchObject({ title: `Quality drift: ${SERVICE}`, severity: 'warning', state: 'ALARM', runbookUrl: 'docs/runbooks/alarms/quality-drift.md', key: `quality_drift:${SERVICE}` });
  });

  it('links the runbook under the configured RUNBOOK_BASE_URL in the drift and the recovery message, clickable from Slack', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const env = judgeEnv(standIns, tables, { RUNBOOK_BASE_URL: 'https://runbooks.example.com/agent/' });
    const messagesBefore = standIns.aws.messages().length;
    await seedSamples(standIns, tables.samples, batch('linked-low', 30, [0.55]));
    await runJudge(buildJudge(standIns, env).deps);
    await seedSamples(standIns, tables.samples, batch('linked-back', 100, HEALTHY));
    await runJudge(buildJudge(standIns, env).deps);

    // Act
    const bodies = standIns.aws.messages().slice(messagesBefore).map((sent) => JSON.parse(sent.message));
    const [sent] = standIns.aws.messages().slice(messagesBefore);
    const slack = slackPayload(parseNotification({ message: sent.message, subject: sent.subject, topicArn: sent.topicArn, messageId: 'm-2', timestamp: new Date().toISOString() }));

    // Assess
    const url = 'https://runbooks.example.com/agent/quality-drift.md';
    expect(bodies.map((body) => [body.state, body.runbook])).toEqual([
      ['drifting', url],
      ['recovered', url],
    ]);
    expect(bodies.every((body) => body.text.endsWith(`Runbook: ${url}`))).toBe(true);
    expect(JSON.stringify(slack)).toContain(`<${url}|Open the runbook>`);
  });
});
