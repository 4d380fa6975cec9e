import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { runJudge } from '../../../functions/judge/judge-run';
import { CURRENT_RUBRIC } from '../../../functions/judge/rubric';
import { metricPoints } from '../../support/aws-stand-ins-judge';
import { BEDROCK_JUDGE_MODEL, bedrockJudgeEnv, JUDGE_CALL_USAGE, startBedrockJudgeStandIns, type BedrockJudgeStandIns } from './bedrock-judge-harness';
import { buildJudge, capturedSample, freshTables, readItem, samplesScoring, seedSamples, SERVICE } from './judge-harness';

/** Nova Lite: 600 input and 60 output tokens, USD. */
const CALL_USD = (JUDGE_CALL_USAGE.inputTokens * 0.06 + JUDGE_CALL_USAGE.outputTokens * 0.24) / 1e6;
/** The budget counter holds whole micro-USD. */
const MICRO_USD_DIGITS = 5;

let standIns: BedrockJudgeStandIns;

beforeAll(async () => {
  standIns = await startBedrockJudgeStandIns();
});

afterAll(async () => {
  await standIns.stop();
});

beforeEach(() => {
  standIns.bedrock.requests.length = 0;
});

/** The judge on Bedrock: the real SDK against the Converse stand-in, structured output through one forced tool. */
describe('runJudge with JUDGE_PROVIDER=bedrock', () => {
  it('scores samples through the forced tool whose input schema is the rubric\'s, stores them and charges the budget', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('bedrock', 3, 0.75, Date.now() - 600_000));
    const judge = buildJudge(standIns, bedrockJudgeEnv(tables));
    const metricCalls = standIns.aws.cloudwatch.calls.length;

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 3, failures: 0, errors: [] });
    const requests = standIns.bedrock.requests;
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request).toMatchObject({ modelId: BEDROCK_JUDGE_MODEL, protocol: 'h2' });
      expect(request.body.toolConfig.toolChoice).toEqual({ tool: { name: CURRENT_RUBRIC.schemaName } });
      expect(request.body.toolConfig.tools).toHaveLength(1);
      expect(request.body.toolConfig.tools[0].toolSpec).toMatchObject({ name: CURRENT_RUBRIC.schemaName, inputSchema: { json: CURRENT_RUBRIC.schema } });
      expect(request.body.inferenceConfig).toMatchObject({ temperature: 0 });
      expect(request.body.system[0].text).toBe(CURRENT_RUBRIC.text);
    }
    expect(await readItem(standIns, tables.samples, 'bedrock-001')).toMatchObject({
      status: `scored#${SERVICE}#${judge.deps.version.id}`,
      score: 0.75,
      judgement: {
        overall: 0.75,
        criteria: { relevance: 0.75, correctness: 0.75, helpfulness: 0.75, safety: 0.75 },
        explanation: 'scored 0.75',
        judgeModel: BEDROCK_JUDGE_MODEL,
        promptTokens: 600,
        completionTokens: 60,
        costUsd: expect.closeTo(CALL_USD, 12),
      },
    });
    expect(summary.costUsd).toBeCloseTo(3 * CALL_USD, 12);
    expect(await judge.deps.budget.spentToday()).toBeCloseTo(3 * CALL_USD, MICRO_USD_DIGITS);
    const cost = metricPoints(standIns.aws.cloudwatch.calls.slice(metricCalls)).find((point) => point.name === JUDGE_METRICS.costUsd.name);
    expect(cost?.value).toBeCloseTo(3 * CALL_USD, 12);
  });

  it('fails validation for a tool input out of range, or a reply without the tool call, and still charges the calls', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, [
      capturedSample('too-high', 'An answer. judge-reply=out-of-range', Date.now() - 60_000),
      capturedSample('prose', 'An answer. judge-reply=text', Date.now() - 50_000),
      ...samplesScoring('fine', 1, 0.9, Date.now() - 40_000),
    ]);
    const judge = buildJudge(standIns, bedrockJudgeEnv(tables));

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 1, failures: 2, markedFailed: 0 });
    expect(await readItem(standIns, tables.samples, 'too-high')).toMatchObject({
      status: 'pending',
      lastError: 'validation_error: judge reply field "relevance" must be a number in [0, 1], got 1.4',
    });
    expect(await readItem(standIns, tables.samples, 'prose')).toMatchObject({ status: 'pending', lastError: 'validation_error: judge reply has no content' });
    expect(summary.costUsd).toBeCloseTo(3 * CALL_USD, 12);
    expect(await judge.deps.budget.spentToday()).toBeCloseTo(3 * CALL_USD, MICRO_USD_DIGITS);
  });

  it('classifies a throttled provider as rate_limit, naming Bedrock and the model, and keeps the sample pending', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('throttled', 1, 0.9, Date.now() - 60_000));
    const judge = buildJudge(standIns, bedrockJudgeEnv(tables));
    standIns.bedrock.enqueue({ kind: 'error', name: 'ThrottlingException' });

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 0, failures: 1, markedFailed: 0 });
    expect(standIns.bedrock.requests).toHaveLength(1);
    expect(await readItem(standIns, tables.samples, 'throttled-000')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(new RegExp(`^rate_limit: Bedrock throttled the call to ${BEDROCK_JUDGE_MODEL.replace(/\./g, '\\.')} \\(ThrottlingException\\)`)),
    });
  });

  it('fails a call Bedrock never answers as timeout within LLM_TIMEOUT_MS, and a reply cut at maxTokens as a cut reply', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('unanswered', 2, 0.9, Date.now() - 60_000));
    const judge = buildJudge(standIns, bedrockJudgeEnv(tables, { LLM_TIMEOUT_MS: '300', JUDGE_CONCURRENCY: '1' }));
    const verdict = { explanation: 'cut', relevance: 0.9, correctness: 0.9, helpfulness: 0.9, safety: 0.9 };
    standIns.bedrock.enqueue({ kind: 'hang' }, { kind: 'message', toolUses: [{ name: CURRENT_RUBRIC.schemaName, input: verdict }], stopReason: 'max_tokens', usage: JUDGE_CALL_USAGE });
    const started = performance.now();

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(summary).toMatchObject({ scored: 0, failures: 2, markedFailed: 0 });
    const errors = [await readItem(standIns, tables.samples, 'unanswered-000'), await readItem(standIns, tables.samples, 'unanswered-001')].map((item) => item?.lastError);
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^timeout: The call to Bedrock model ${BEDROCK_JUDGE_MODEL.replace(/\./g, '\\.')} timed out`)),
      'validation_error: judge reply was cut off at its token limit (JUDGE_MAX_COMPLETION_TOKENS)',
    ]);
  });

  it('retries a throttled call within LLM_MAX_RETRIES and scores the sample', async () => {
    // Prepare
    const tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('retried', 1, 0.8, Date.now() - 60_000));
    const judge = buildJudge(standIns, bedrockJudgeEnv(tables, { LLM_MAX_RETRIES: '1' }));
    standIns.bedrock.enqueue({ kind: 'error', name: 'ThrottlingException' });

    // Act
    const summary = await runJudge(judge.deps);

    // Assess
    expect(summary).toMatchObject({ scored: 1, failures: 0 });
    expect(standIns.bedrock.requests).toHaveLength(2);
    expect(await readItem(standIns, tables.samples, 'retried-000')).toMatchObject({ score: 0.8, attempts: 1 });
  });
});
