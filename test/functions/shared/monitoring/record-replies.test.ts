import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { BedrockRuntimeClient, ConverseCommand, type ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import { withMonitoring } from '../../../../functions/shared/monitoring/with-monitoring';
import type { RequestMonitor } from '../../../../functions/shared/monitoring/request-monitor';
import { DEFAULT_PRICE_TABLE, priceUsage, type TokenUsage } from '../../../../functions/shared/pricing/pricing';
import { METRICS } from '../../../../lib/catalog/metrics';
import { startSimulatedOpenAI, type SimulatedOpenAIServer } from '../../../../local/llm/simulated-openai-server';
import { datapoints, memorySink } from '../../../support/emf';
import { lambdaContext } from '../../../support/lambda-context';

const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const price = (model: string, usage: TokenUsage) => priceUsage(model, usage, DEFAULT_PRICE_TABLE).costUsd;

/** Runs `record` inside withMonitoring and returns what the request's EMF says, by `service` and by `service, model`. */
async function monitored(model: string, record: (monitor: RequestMonitor) => Promise<void>) {
  const emf = memorySink();
  const handler = withMonitoring(
    async (_event: unknown, _context, monitor) => {
      await record(monitor);
      return monitor.replies;
    },
    { namespace: 'AgentMonitoring', serviceName: 'agent', price, sink: emf.sink },
  );
  const replies = await handler({}, lambdaContext());
  const docs = emf.documents();
  const byModel = { service: 'agent', model };
  return {
    replies,
    prompt: datapoints(docs, METRICS.tokensPrompt.name, byModel),
    completion: datapoints(docs, METRICS.tokensCompletion.name, byModel),
    cost: datapoints(docs, METRICS.costUsd.name, byModel),
    unpriced: datapoints(docs, METRICS.costUnpriced.name, { service: 'agent' }),
    requests: datapoints(docs, METRICS.requests.name, byModel),
  };
}

/** A local Converse endpoint (REST JSON over cleartext HTTP/2, what the SDK speaks by default): answers every call with `reply`. */
async function startConverseEndpoint(): Promise<{ endpoint: string; paths: string[]; reply: { body: unknown }; close(): Promise<void> }> {
  const paths: string[] = [];
  const reply = { body: {} as unknown };
  const server: Http2Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      paths.push(decodeURIComponent(request.url ?? ''));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    reply,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function converseBody(usage: unknown): object {
  return {
    output: { message: { role: 'assistant', content: [{ text: 'Paris.' }] } },
    stopReason: 'end_turn',
    metrics: { latencyMs: 12 },
    ...(usage === undefined ? {} : { usage }),
  };
}

describe('RequestMonitor.recordChatCompletion', () => {
  let server: SimulatedOpenAIServer;
  let openai: OpenAI;
  const ask = (model = 'gpt-4o-mini') => openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Capital of France?' }] });

  beforeAll(async () => {
    server = await startSimulatedOpenAI();
    openai = new OpenAI({ baseURL: server.baseUrl, apiKey: 'test', maxRetries: 0, timeout: 5_000 });
  });
  afterAll(() => server.close());

  it('counts and prices a ChatCompletion as the model the reply names, cached tokens at the cached rate', async () => {
    // Prepare
    server.enqueue({ kind: 'completion', content: 'Paris.', model: 'gpt-4o-mini-2024-07-18', usage: { promptTokens: 1000, completionTokens: 20, cachedTokens: 600 } });

    // Act
    const seen = await monitored('gpt-4o-mini-2024-07-18', async (monitor) => {
      monitor.recordChatCompletion(await ask(), 'gpt-4o-mini');
    });

    // Assess
    expect(seen.prompt).toEqual([1000]);
    expect(seen.completion).toEqual([20]);
    expect(seen.cost[0]).toBeCloseTo((400 * 0.15 + 600 * 0.075 + 20 * 0.6) / 1e6, 12);
    expect(seen.unpriced).toEqual([]);
  });

  it.each([
    ['no usage', null],
    ['a negative count', { promptTokens: -5, completionTokens: 3 }],
  ])('counts a reply with %s as unmeasured, under the requested model when the reply names none', async (_case, usage) => {
    // Prepare
    server.enqueue({ kind: 'completion', content: 'Paris.', model: '', usage });

    // Act
    const seen = await monitored('gpt-4o-mini', async (monitor) => {
      monitor.recordChatCompletion(await ask(), 'gpt-4o-mini');
    });

    // Assess
    expect(seen.requests).toEqual([1]);
    expect(seen.prompt).toEqual([]);
    expect(seen.cost).toEqual([]);
    expect(seen.unpriced).toEqual([1]);
    expect(seen.replies).toEqual([{ model: 'gpt-4o-mini' }]);
  });

  it('does not crash on a missing reply', async () => {
    // Act
    const seen = await monitored('gpt-4o-mini', async (monitor) => {
      monitor.recordChatCompletion(undefined, 'gpt-4o-mini');
    });

    // Assess
    expect(seen.unpriced).toEqual([1]);
  });
});

describe('RequestMonitor.recordConverseResponse', () => {
  let endpoint: Awaited<ReturnType<typeof startConverseEndpoint>>;
  let bedrock: BedrockRuntimeClient;
  const converse = (modelId: string): Promise<ConverseResponse> =>
    bedrock.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'Capital of France?' }] }] }));

  beforeAll(async () => {
    endpoint = await startConverseEndpoint();
    bedrock = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: endpoint.endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    bedrock.destroy();
    await endpoint.close();
  });

  it('counts a ConverseResponse under the model id as called, cache reads and writes as parts of the prompt', async () => {
    // Prepare
    const modelId = `us.${HAIKU}`;
    endpoint.reply.body = converseBody({ inputTokens: 200, outputTokens: 40, totalTokens: 5240, cacheReadInputTokens: 4000, cacheWriteInputTokens: 1000 });

    // Act
    const seen = await monitored(modelId, async (monitor) => {
      monitor.recordConverseResponse(await converse(modelId), modelId);
    });

    // Assess: a us. profile of Claude 4.5 costs 10 % more than global.
    expect(endpoint.paths).toEqual([`/model/${modelId}/converse`]);
    expect(seen.prompt).toEqual([5200]);
    expect(seen.completion).toEqual([40]);
    expect(seen.cost[0]).toBeCloseTo((1.1 * (200 * 1 + 4000 * 0.1 + 1000 * 1.25 + 40 * 5)) / 1e6, 12);
    expect(seen.replies[0].usage).toEqual({ promptTokens: 5200, completionTokens: 40, cachedTokens: 4000, cacheWriteTokens: 1000 });
    expect(seen.unpriced).toEqual([]);
  });

  it('prices Nova Lite through an inference profile ARN at its base model price', async () => {
    // Prepare
    const modelId = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0';
    endpoint.reply.body = converseBody({ inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 });

    // Act
    const seen = await monitored(modelId, async (monitor) => {
      monitor.recordConverseResponse(await converse(modelId), modelId);
    });

    // Assess
    expect(seen.cost[0]).toBeCloseTo(0.06 + 0.24, 12);
  });

  it.each([
    ['no usage', undefined],
    ['a negative count', { inputTokens: -1, outputTokens: 3, totalTokens: 2 }],
    ['a fractional count', { inputTokens: 10, outputTokens: 2.5, totalTokens: 12.5 }],
    ['more cache writes than any call could make', { inputTokens: 10, outputTokens: 2, totalTokens: 12, cacheWriteInputTokens: 50_000_000 }],
  ])('counts a reply with %s as unmeasured and unpriced', async (_case, usage) => {
    // Prepare
    endpoint.reply.body = converseBody(usage);

    // Act
    const seen = await monitored('amazon.nova-lite-v1:0', async (monitor) => {
      monitor.recordConverseResponse(await converse('amazon.nova-lite-v1:0'), 'amazon.nova-lite-v1:0');
    });

    // Assess
    expect(seen.requests).toEqual([1]);
    expect(seen.prompt).toEqual([]);
    expect(seen.cost).toEqual([]);
    expect(seen.unpriced).toEqual([1]);
  });

  it('answers for a Bedrock model without a price entry and counts it unpriced, never as 0', async () => {
    // Prepare
    const modelId = 'amazon.nova-premier-v1:0';
    endpoint.reply.body = converseBody({ inputTokens: 100, outputTokens: 10, totalTokens: 110 });

    // Act
    const seen = await monitored(modelId, async (monitor) => {
      monitor.recordConverseResponse(await converse(modelId), modelId);
    });

    // Assess
    expect(seen.prompt).toEqual([100]);
    expect(seen.cost).toEqual([]);
    expect(seen.unpriced).toEqual([1]);
    expect(seen.replies).toEqual([{ model: modelId, usage: { promptTokens: 100, completionTokens: 10, cachedTokens: 0, cacheWriteTokens: 0 } }]);
  });
});
