import { runJudge } from '../../../functions/judge/judge-run';
import { buildJudge, capturedSample, freshTables, judgeEnv, judgeRequests, NAMESPACE, putRawItem, readItem, samplesScoring, seedSamples, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

let standIns: JudgeStandIns;

beforeAll(async () => {
  standIns = await startJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

beforeEach(() => {
  standIns.llm.requests.length = 0;
});

const WEEK_FROM_NOW_SECONDS = Math.floor(Date.now() / 1000) + 7 * 86_400;

describe('runJudge with bad samples and a failing judge', () => {
  it('marks a corrupt sample failed at once with its reason and scores the rest', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('good', 3, 0.9, Date.now() - 60_000));
    await putRawItem(standIns, tables.samples, { sampleId: 'poison-number', status: 'pending', createdAt: Date.now() - 90_000, question: 42, answer: 'fine', expiresAt: WEEK_FROM_NOW_SECONDS });
    await putRawItem(standIns, tables.samples, { sampleId: 'poison-missing', status: 'pending', createdAt: Date.now() - 80_000, question: 'What?', expiresAt: WEEK_FROM_NOW_SECONDS });
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 3, failures: 2, markedFailed: 2 });
    expect(judgeRequests(standIns)).toHaveLength(3);
    expect(await readItem(standIns, tables.samples, 'poison-number')).toMatchObject({
      status: 'failed',
      failureReason: 'sample poison-number is incomplete or corrupt: "question" must be text, got number 42',
    });
    expect((await readItem(standIns, tables.samples, 'poison-missing'))?.failureReason).toBe('sample poison-missing is incomplete or corrupt: "answer" is missing');
    expect(judge.logs.filter((log) => log.message === 'sample marked failed').map((log) => log.extra.sampleId).sort()).toEqual(['poison-missing', 'poison-number']);
  });

  it('marks a sample whose record cannot be claimed or read failed once, with its reason, and drops it from the backlog', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    const record = { question: 'What does the p95 alarm watch?', answer: 'Latency. quality=0.9', expiresAt: WEEK_FROM_NOW_SECONDS };
    await putRawItem(standIns, tables.samples, { ...record, sampleId: 'poison-attempts', status: 'pending', createdAt: twoHoursAgo, attempts: '2' });
    await putRawItem(standIns, tables.samples, { ...record, sampleId: 'poison-huge', status: 'pending', createdAt: twoHoursAgo + 1000, question: 10n ** 30n });
    await putRawItem(standIns, tables.samples, { sampleId: 'poison-bare', status: 'pending', createdAt: twoHoursAgo + 2000, expiresAt: WEEK_FROM_NOW_SECONDS });
    await seedSamples(standIns, tables.samples, samplesScoring('healthy', 1, 0.9, Date.now() - 60_000));
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const first = await runJudge(judge.deps);
    const second = await runJudge(judge.deps);

    // Assess
    expect(first).toMatchObject({ scored: 1, failures: 3, markedFailed: 3, backlog: { pending: 0, oldestPendingAgeSeconds: 0 }, errors: [] });
    expect(second).toMatchObject({ candidates: 0, failures: 0, markedFailed: 0, backlog: { pending: 0, oldestPendingAgeSeconds: 0 }, errors: [] });
    expect(await readItem(standIns, tables.samples, 'poison-attempts')).toMatchObject({
      status: 'failed',
      attempts: '2',
      failureReason: 'sample poison-attempts cannot be claimed: "attempts" must be a number, got string "2" (DynamoDB: An operand in the update expression has an incorrect data type)',
    });
    expect((await readItem(standIns, tables.samples, 'poison-huge'))?.failureReason).toBe(
      'sample poison-huge is incomplete or corrupt: "question" must be text, got number 1000000000000000000000000000000',
    );
    expect((await readItem(standIns, tables.samples, 'poison-bare'))?.failureReason).toBe('sample poison-bare is incomplete or corrupt: "question" is missing; "answer" is missing');
    const failures = standIns.aws.metrics().filter((point) => point.name === 'agent.judge.failures' && point.namespace === NAMESPACE);
    expect(failures.slice(-2).map((point) => point.value)).toEqual([3, 0]);
    const ages = standIns.aws.metrics().filter((point) => point.name === 'agent.judge.oldest_pending_age_seconds');
    expect(ages.slice(-2).map((point) => point.value)).toEqual([0, 0]);
    expect(judge.logs.filter((log) => log.message === 'sample marked failed').map((log) => log.extra.sampleId).sort()).toEqual(['poison-attempts', 'poison-bare', 'poison-huge']);
  });

  it.each([429, 503])('retries a provider %i through the SDK, then scores the sample in one attempt', async (status) => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('retried', 1, 0.85, Date.now() - 60_000));
    standIns.llm.enqueue({ kind: 'status', status, headers: { 'retry-after-ms': '5' } });
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { LLM_MAX_RETRIES: '2' }));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 1, failures: 0 });
    expect(judgeRequests(standIns)).toHaveLength(2);
    expect(await readItem(standIns, tables.samples, 'retried-000')).toMatchObject({ status: expect.stringMatching(/^scored#/), score: 0.85, attempts: 1 });
  });

  it('keeps a sample pending after a failed attempt and marks it failed after the third', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, [capturedSample('flaky', 'An answer. provider=500', Date.now() - 60_000), ...samplesScoring('steady', 2, 0.9, Date.now() - 50_000)]);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const runs = [];
    const states = [];
    for (let run = 0; run < 3; run++) {
      runs.push(await runJudge(judge.deps));
      states.push(await readItem(standIns, tables.samples, 'flaky'));
    }

    // Assess
    expect(runs.map((run) => [run.scored, run.failures, run.markedFailed])).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [0, 1, 1],
    ]);
    expect(states.map((state) => [state?.status, state?.attempts])).toEqual([
      ['pending', 1],
      ['pending', 2],
      ['failed', 3],
    ]);
    expect(states[0]?.lastError).toMatch(/^provider_error: OpenAI failed with a server error \(HTTP 500\)/);
    expect(states[2]?.failureReason).toMatch(/^judging failed 3 times; last error: provider_error: OpenAI failed with a server error \(HTTP 500\)/);
    expect(runs[2].backlog?.pending).toBe(0);
  });

  it('counts a judge reply that is not JSON, or out of range, as a failed attempt with a clear reason', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, [
      capturedSample('prose', 'An answer. judge-reply=not-json', Date.now() - 60_000),
      capturedSample('too-high', 'An answer. judge-reply=out-of-range', Date.now() - 50_000),
      ...samplesScoring('fine', 1, 0.9, Date.now() - 40_000),
    ]);
    const judge = buildJudge(standIns, judgeEnv(standIns, tables));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 1, failures: 2, markedFailed: 0 });
    expect(await readItem(standIns, tables.samples, 'prose')).toMatchObject({
      status: 'pending',
      lastError: 'validation_error: judge reply is not valid JSON: "The answer looks fine to me, I would give it a 9/10."',
    });
    expect((await readItem(standIns, tables.samples, 'too-high'))?.lastError).toBe('validation_error: judge reply field "relevance" must be a number in [0, 1], got 1.4');
    const failures = standIns.aws.metrics().filter((point) => point.name === 'agent.judge.failures');
    expect(failures.at(-1)?.value).toBe(2);
    expect(summary.costUsd).toBeGreaterThan(0);
  });

  it('stops the run on rejected credentials without spending the samples’ attempts', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('locked', 3, 0.9, Date.now() - 60_000));
    standIns.llm.enqueue({ kind: 'status', status: 401 });
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { JUDGE_CONCURRENCY: '1' }));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 0, failures: 1, skipped: 2 });
    expect(summary.stoppedBecause).toMatch(/refused the credentials \(auth_error: OpenAI rejected the API key \(HTTP 401\)/);
    expect(await readItem(standIns, tables.samples, 'locked-000')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('marks a sample the provider rejects as a bad request failed at once', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('rejected', 1, 0.9, Date.now() - 60_000));
    standIns.llm.enqueue({ kind: 'status', status: 400, body: { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded' } } });
    const judge = buildJudge(standIns, judgeEnv(standIns, tables, { LLM_MAX_RETRIES: '2' }));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 0, failures: 1, markedFailed: 1 });
    expect(judgeRequests(standIns)).toHaveLength(1);
    expect(await readItem(standIns, tables.samples, 'rejected-000')).toMatchObject({
      status: 'failed',
      attempts: 1,
      failureReason: "the provider rejected the judge request for this sample: bad_request: OpenAI rejected the request as invalid (HTTP 400): This model's maximum context length is 128000 tokens.",
    });
  });
});
