import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { METRICS } from '../../../lib/catalog/metrics';
import { simulatedModel, startSimulatedOpenAI, type RecordedRequest, type SimulatedOpenAIServer } from '../../../local/llm/simulated-openai-server';
import { alignedPeriodEnd } from '../../../local/metrics';
import { startLocalStack, type LocalStack } from '../../../local/stack/local-stack';
import { bucketIndex, histogramQuantile, parseExposition, sumBy, sumOf, summedBuckets, type PrometheusFamilyText } from '../../support/prometheus-text';

/** Answers with a status when the question names one ("[429] …"), else the simulated model after a delay from a spread of latencies. */
function faultyModel(): (request: RecordedRequest) => ReturnType<typeof simulatedModel> {
  const delaysMs = [2, 15, 40, 80, 160, 320, 700];
  let calls = 0;
  return (request) => {
    const messages: { role: string; content?: unknown }[] = request.body?.messages ?? [];
    const question = String([...messages].reverse().find((message) => message.role === 'user')?.content ?? '');
    const status = /^\[(\d{3})\]/.exec(question)?.[1];
    if (status) return { kind: 'status', status: Number(status) };
    return { kind: 'delay', ms: delaysMs[calls++ % delaysMs.length], then: simulatedModel(request) };
  };
}

const ANSWERED = ['What is 12*7?', 'What is 3+4 and what time is it?', 'Tell me a short story', 'Which runbook covers alarms?'];
const FAILING: Record<string, number> = { '[429] busy?': 3, '[503] down?': 2, '[500] broken?': 2 };
const EXPECTED_ERRORS = { rate_limit: 3, service_unavailable: 2, provider_error: 2, invalid_input: 3 };

async function ask(stack: LocalStack, body: string): Promise<number> {
  const response = await fetch(stack.url, { method: 'POST', body });
  await response.text();
  return response.status;
}

async function scrape(stack: LocalStack): Promise<{ status: number; contentType: string | null; families: Map<string, PrometheusFamilyText> }> {
  const response = await fetch(new URL('/metrics', stack.url));
  return { status: response.status, contentType: response.headers.get('content-type'), families: parseExposition(await response.text()) };
}

function storeValue(stack: LocalStack, metricName: string, statistic: string, dimensions: Record<string, string> = {}): number | undefined {
  return stack.store.query(
    { namespace: stack.namespace, metricName, dimensions: { service: stack.serviceName, ...dimensions }, statistic },
    { end: alignedPeriodEnd(Date.now(), 60), periodSeconds: 3600, count: 1 },
  )[0];
}

describe('/metrics on the local stack (Prometheus text exposition)', () => {
  let llm: SimulatedOpenAIServer;
  let stack: LocalStack;
  let requestsMade = 0;

  beforeAll(async () => {
    llm = await startSimulatedOpenAI({ responder: faultyModel() });
    stack = await startLocalStack({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl, LLM_MAX_RETRIES: '0', SAMPLE_RATE: '1' },
      port: 0,
      judgeIntervalMs: 3_600_000,
      evaluateIntervalMs: 3_600_000,
      print: () => undefined,
    });
    const bodies = [
      ...Array.from({ length: 14 }, (_, index) => JSON.stringify({ question: ANSWERED[index % ANSWERED.length] })),
      ...Object.entries(FAILING).flatMap(([question, times]) => Array.from({ length: times }, () => JSON.stringify({ question }))),
      ...Array.from({ length: EXPECTED_ERRORS.invalid_input }, () => '{"question": '),
    ];
    // A few at a time, so that the durations spread as the model's delays do (not as a queue would)
    for (let index = 0; index < bodies.length; index += 3) await Promise.all(bodies.slice(index, index + 3).map((body) => ask(stack, body)));
    requestsMade = bodies.length;
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await llm?.close();
  });

  it('serves the text exposition format, every counter ending _total', async () => {
    // Act
    const { status, contentType, families } = await scrape(stack);

    // Assess
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const counters = [...families.values()].filter((family) => family.type === 'COUNTER');
    expect(counters.map((family) => family.name)).toEqual(expect.arrayContaining(['agent_requests_total', 'agent_errors_total', 'agent_tokens_total', 'aws_lambda_invocations_total']));
    for (const counter of counters) expect(counter.name).toMatch(/_total$/);
  });

  it('counts each request once: sum(agent_requests_total) is the requests made, favicon and scrapes not among them', async () => {
    // Act
    const favicons = await Promise.all([1, 2, 3].map(() => fetch(new URL('/favicon.ico', stack.url))));
    const { families } = await scrape(stack);

    // Assess
    expect(favicons.map((response) => response.status)).toEqual([204, 204, 204]);
    expect(requestsMade).toBe(24);
    expect(sumOf(families, 'agent_requests_total')).toBe(requestsMade);
    expect(sumOf(families, 'aws_lambda_invocations_total')).toBe(requestsMade);
    expect(storeValue(stack, METRICS.requests.name, 'Sum')).toBe(requestsMade);
    const models = families.get('agent_requests_total')!.metrics.map((sample) => sample.labels?.model);
    expect(models).toEqual(expect.arrayContaining(['gpt-4o-mini', undefined]));
  });

  it('counts errors by category as they happened, each once', async () => {
    // Act
    const { families } = await scrape(stack);

    // Assess
    expect(sumBy(families, 'agent_errors_total', 'error_category')).toEqual(EXPECTED_ERRORS);
    expect(sumOf(families, 'agent_errors_total')).toBe(storeValue(stack, METRICS.errors.name, 'Sum'));
    expect(sumOf(families, 'agent_client_errors_total')).toBe(EXPECTED_ERRORS.invalid_input);
  });

  it('counts tokens, cost and tool calls once, tools by name', async () => {
    // Act
    const { families } = await scrape(stack);

    // Assess
    expect(sumOf(families, 'agent_tokens_total')).toBe(storeValue(stack, METRICS.tokensTotal.name, 'Sum'));
    expect(sumBy(families, 'agent_tokens_total', 'kind')).toEqual({
      prompt: storeValue(stack, METRICS.tokensPrompt.name, 'Sum'),
      completion: storeValue(stack, METRICS.tokensCompletion.name, 'Sum'),
    });
    expect(sumOf(families, 'agent_cost_usd_total')).toBeCloseTo(storeValue(stack, METRICS.costUsd.name, 'Sum')!, 9);
    const tools = sumBy(families, 'agent_tool_calls_total', 'tool');
    expect(Object.keys(tools).sort()).toEqual(['calculator', 'current_datetime', 'search_docs']);
    expect(sumOf(families, 'agent_tool_calls_total')).toBe(storeValue(stack, METRICS.toolCalls.name, 'Sum'));
    for (const tool of Object.keys(tools)) expect(tools[tool]).toBe(storeValue(stack, METRICS.toolCalls.name, 'Sum', { tool }));
  });

  it('observes each request duration once, and its histogram quantiles agree with the store within one bucket', async () => {
    // Act
    const { families } = await scrape(stack);

    // Assess
    expect(families.get('agent_request_duration_seconds')?.type).toBe('HISTOGRAM');
    const buckets = summedBuckets(families, 'agent_request_duration_seconds');
    expect(buckets[buckets.length - 1]).toEqual([Infinity, requestsMade]);
    const occupied = buckets.filter(([, count], index) => count > (index > 0 ? buckets[index - 1][1] : 0));
    expect(occupied.length).toBeGreaterThanOrEqual(3);
    for (const [q, statistic] of [[0.5, 'p50'], [0.95, 'p95'], [0.99, 'p99']] as const) {
      const estimate = histogramQuantile(q, buckets);
      const stored = storeValue(stack, METRICS.duration.name, statistic)!;
      const bucketsApart = Math.abs(bucketIndex(estimate, buckets) - bucketIndex(stored, buckets));
      expect({ statistic, estimate, stored, withinOneBucket: bucketsApart <= 1 }).toEqual({ statistic, estimate, stored, withinOneBucket: true });
    }
    const sum = Number(families.get('agent_request_duration_seconds')!.metrics.reduce((total, sample) => total + Number(sample.sum), 0));
    expect(sum).toBeCloseTo(storeValue(stack, METRICS.duration.name, 'Sum')!, 6);
  });

  it('exports the judge run: evaluations counted, the latest score as a gauge', async () => {
    // Act
    await stack.judgeNow();
    const { families } = await scrape(stack);

    // Assess
    expect(sumOf(families, 'agent_judge_evaluations_total')).toBe(storeValue(stack, JUDGE_METRICS.evaluations.name, 'Sum'));
    expect(sumOf(families, 'agent_judge_evaluations_total')).toBeGreaterThan(0);
    const score = families.get('agent_quality_score')!;
    expect(score.type).toBe('GAUGE');
    expect(Number(score.metrics[0].value)).toBeGreaterThan(0);
    expect(Number(score.metrics[0].value)).toBeLessThanOrEqual(1);
  });
});
