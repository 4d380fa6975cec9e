import { runJudge, type JudgeRunSummary } from '../../../functions/judge/judge-run';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import type { FakeReply, RecordedRequest } from '../../../local/llm/simulated-openai-server';
import { buildJudge, capturedSample, freshTables, judgeEnv, judgeRequests, NAMESPACE, readItem, samplesScoring, scoreResponder, seedSamples, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

beforeEach(() => {
  standIns.llm.requests.length = 0;
  standIns.llm.setResponder(scoreResponder);
});

const UNAVAILABLE: FakeReply = { kind: 'status', status: 503, headers: { 'retry-after-ms': '1' } };
const FIVE_MINUTES = 300_000;

/** The provider is down: every judge call answers 503 (after the SDK's retries, none here). */
function outage(): FakeReply {
  return UNAVAILABLE;
}

/** The provider is down, except for samples whose answer asks for a prose reply (which then fails validation). */
function outageExceptProse(request: RecordedRequest): FakeReply {
  const prompt = String(request.body?.messages?.[1]?.content ?? '');
  return prompt.includes('judge-reply=not-json') ? scoreResponder(request) : UNAVAILABLE;
}

/** A clock that a test moves by a judge schedule's interval between runs. */
function steppedClock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function states(tableName: string, sampleIds: readonly string[]) {
  return Promise.all(sampleIds.map(async (sampleId) => (await readItem(standIns, tableName, sampleId)) ?? {}));
}

describe('runJudge during a provider outage', () => {
  it('stops each run after 3 consecutive provider failures and leaves every sample pending with its attempts, then scores them once the provider is back', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const samples = samplesScoring('down', 6, 0.9, Date.now() - 60_000);
    const ids = samples.map((sample) => sample.sampleId);
    await seedSamples(standIns, tables.samples, samples);
    const clock = steppedClock(Date.now());
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_CONCURRENCY: '1' }), clock.now);
    standIns.llm.setResponder(outage);

    // Act
    const runs: JudgeRunSummary[] = [];
    for (let run = 0; run < 3; run++) {
      runs.push(await runJudge(judge.deps));
      clock.advance(FIVE_MINUTES);
    }
    const duringOutage = await states(tables.samples, ids);
    const callsDuringOutage = judgeRequests(standIns).length;
    standIns.llm.setResponder(scoreResponder);
    const recovered = await runJudge(judge.deps);

    // Assess
    expect(runs.map((run) => [run.scored, run.failures, run.markedFailed, run.skipped])).toEqual([
      [0, 3, 0, 3],
      [0, 3, 0, 3],
      [0, 3, 0, 3],
    ]);
    expect(callsDuringOutage).toBe(9);
    expect(runs[0].stoppedBecause).toMatch(
      /^the judge provider failed 3 calls in a row \(JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES is 3; last: service_unavailable: .*HTTP 503.*\); the samples stay pending with their attempts for a later run$/,
    );
    expect(runs[2].providerOutage).toMatchObject({ consecutiveFailures: 3, threshold: 3, released: 3, lastError: expect.stringMatching(/^service_unavailable: /) });
    expect(duringOutage.map((item) => [item.status, item.attempts ?? 0])).toEqual(ids.map(() => ['pending', 0]));
    expect(runs.map((run) => run.backlog?.pending)).toEqual([6, 6, 6]);
    expect(runs.map((run) => Math.round(run.backlog?.oldestPendingAgeSeconds ?? 0))).toEqual([60, 360, 660]);
    expect(judge.logs.filter((log) => log.message.startsWith('judge provider outage')).map((log) => log.level)).toEqual(['error', 'error', 'error']);
    expect(recovered).toMatchObject({ scored: 6, failures: 0, markedFailed: 0, backlog: { pending: 0 } });
    expect(recovered.providerOutage).toBeUndefined();
    expect((await states(tables.samples, ids)).map((item) => [item.status, item.attempts])).toEqual(ids.map(() => [expect.stringMatching(/^scored#/), 1]));
  });

  it('gives back every sample whose call was in flight when the outage was seen, without an attempt', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const samples = samplesScoring('wide', 5, 0.9, Date.now() - 60_000);
    await seedSamples(standIns, tables.samples, samples);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_CONCURRENCY: '8' }));
    standIns.llm.setResponder(outage);

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 0, markedFailed: 0, providerOutage: { threshold: 3 } });
    expect(summary.failures + summary.skipped).toBe(5);
    expect(summary.providerOutage?.released).toBe(summary.failures);
    const items = await states(
      tables.samples,
      samples.map((sample) => sample.sampleId),
    );
    expect(items.map((item) => [item.status, item.attempts])).toEqual(samples.map(() => ['pending', 0]));
    expect(items[0].lastError).toMatch(/^service_unavailable: /);
  });

  it('counts the outage’s failed calls in agent.judge.failures while the oldest pending age grows', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('counted', 4, 0.9, Date.now() - 60_000));
    const clock = steppedClock(Date.now());
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_CONCURRENCY: '1' }), clock.now);
    standIns.llm.setResponder(outage);
    const before = standIns.aws.metrics().length;

    // Act
    await runJudge(judge.deps);
    clock.advance(FIVE_MINUTES);
    await runJudge(judge.deps);

    // Assess
    const points = standIns.aws.metrics().slice(before).filter((point) => point.namespace === NAMESPACE);
    const values = (name: string) => points.filter((point) => point.name === name).map((point) => Math.round(point.value));
    expect(values(JUDGE_METRICS.failures.name)).toEqual([3, 3]);
    expect(values(JUDGE_METRICS.backlog.name)).toEqual([4, 4]);
    expect(values(JUDGE_METRICS.oldestPendingAgeSeconds.name)).toEqual([60, 360]);
  });

  it('still charges an attempt to a reply that fails validation, which ends a streak: the failure before it is charged too', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const from = Date.now() - 60_000;
    await seedSamples(standIns, tables.samples, [
      capturedSample('before', 'An answer. quality=0.9', from),
      capturedSample('prose', 'An answer. judge-reply=not-json', from + 1000),
      ...samplesScoring('after', 4, 0.9, from + 2000),
    ]);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_CONCURRENCY: '1' }));
    standIns.llm.setResponder(outageExceptProse);

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 0, failures: 5, markedFailed: 0, skipped: 1, providerOutage: { released: 3 } });
    const items = await states(tables.samples, ['before', 'prose', 'after-000', 'after-001', 'after-002', 'after-003']);
    expect(items.map((item) => [item.sampleId, item.status, item.attempts])).toEqual([
      ['before', 'pending', 1],
      ['prose', 'pending', 1],
      ['after-000', 'pending', 0],
      ['after-001', 'pending', 0],
      ['after-002', 'pending', 0],
      ['after-003', 'pending', 0],
    ]);
    expect(items[1].lastError).toMatch(/^validation_error: judge reply is not valid JSON/);
  });

  it('stops after the configured number of consecutive failures', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('patient', 7, 0.9, Date.now() - 60_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_CONCURRENCY: '1', JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES: '5' }));
    standIns.llm.setResponder(outage);

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(judgeRequests(standIns)).toHaveLength(5);
    expect(summary).toMatchObject({ failures: 5, skipped: 2, providerOutage: { consecutiveFailures: 5, threshold: 5, released: 5 } });
  });
});
