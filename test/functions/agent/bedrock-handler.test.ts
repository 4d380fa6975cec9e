import { METRICS } from '../../../lib/catalog/metrics';
import { loadAgentConfig } from '../../../functions/agent/config';
import { ANSWER_NOW_INSTRUCTION } from '../../../functions/shared/llm/bedrock-turn';
import { bedrockRuntimeClient } from '../../../functions/shared/llm/bedrock-client';
import { bedrockConverser } from '../../../functions/shared/llm/bedrock-converse';
import { datapoints, sum } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { agentEnv, BEDROCK_AGENT_MODEL, buildAgent, startAgentStandIns, type BedrockAgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
/** Amazon Nova Lite, USD per token: input, output, cache read. */
const NOVA_LITE = { input: 0.06 / 1e6, output: 0.24 / 1e6, cacheRead: 0.015 / 1e6 };
const KEEPS_CALLING_TOOLS = { kind: 'message' as const, toolUses: [{ name: 'calculator', input: { expression: '1+1' } }] };

/** The agent on Bedrock: the real Bedrock Runtime SDK, reaching the Converse stand-in only through AWS_ENDPOINT_URL_BEDROCK_RUNTIME. */
describe('agent handler on Bedrock against the Converse stand-in and dynalite', () => {
  let standIns: BedrockAgentStandIns;

  beforeAll(async () => {
    standIns = await startAgentStandIns({ provider: 'bedrock' });
  });

  afterAll(async () => {
    await standIns.stop();
  });

  function callsSince(before: number) {
    return standIns.bedrock.requests.slice(before);
  }

  it('answers with a real tool round trip over HTTP/2 and reports usage, cost and the tool in EMF', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    const before = standIns.bedrock.requests.length;

    // Act
    const reply: any = await agent.handler({ question: 'What is 12*7?', userId: 'u-42', feature: 'math' }, lambdaContext());

    // Assess
    expect(reply).toEqual({
      requestId: expect.any(String),
      answer: expect.stringContaining('84'),
      model: BEDROCK_AGENT_MODEL,
      usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number), totalTokens: expect.any(Number) },
      costUsd: expect.any(Number),
      latencyMs: expect.any(Number),
      toolCalls: ['calculator'],
    });
    const calls = callsSince(before);
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => [call.protocol, call.modelId])).toEqual([
      ['h2', BEDROCK_AGENT_MODEL],
      ['h2', BEDROCK_AGENT_MODEL],
    ]);
    expect(calls[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(calls[0].body.toolConfig.tools.map((tool: any) => tool.toolSpec.name)).toEqual(expect.arrayContaining(['calculator', 'current_datetime', 'search_docs']));
    const toolUse = calls[1].body.messages[1].content.find((block: any) => block.toolUse).toolUse;
    expect(toolUse).toMatchObject({ name: 'calculator', input: { expression: expect.any(String) } });
    expect(calls[1].body.messages.at(-1)).toEqual({ role: 'user', content: [{ toolResult: { toolUseId: toolUse.toolUseId, content: [{ text: '84' }] } }] });
    expect(reply.usage.totalTokens).toBe(reply.usage.promptTokens + reply.usage.completionTokens);
    expect(reply.costUsd).toBeCloseTo(reply.usage.promptTokens * NOVA_LITE.input + reply.usage.completionTokens * NOVA_LITE.output, 12);
    const docs = agent.emf.documents();
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
    expect(datapoints(docs, METRICS.tokensTotal.name, { ...SERVICE, model: BEDROCK_AGENT_MODEL })).toEqual([reply.usage.totalTokens]);
    expect(datapoints(docs, METRICS.costUsd.name, SERVICE)[0]).toBeCloseTo(reply.costUsd, 12);
    expect(datapoints(docs, METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' })).toEqual([1]);
    expect(datapoints(docs, METRICS.costUnpriced.name, SERVICE)).toEqual([]);
    const main = docs.find((doc) => METRICS.requests.name in doc.metrics)!;
    expect(main.root).toMatchObject({ requestId: reply.requestId, userId: 'u-42', feature: 'math' });
  });

  it.each([
    ['a foundation model id', 'amazon.nova-lite-v1:0'],
    ['a geographic inference profile id', 'us.amazon.nova-lite-v1:0'],
    ['an inference profile ARN', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0'],
  ])('calls and prices %s as Nova Lite', async (_form, model) => {
    // Prepare
    const agent = buildAgent(standIns, { AGENT_MODEL: model });
    const before = standIns.bedrock.requests.length;
    standIns.bedrock.enqueue({ kind: 'message', text: 'priced', usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: 'priced', model, usage: { promptTokens: 1_000_000, completionTokens: 1_000_000, totalTokens: 2_000_000 } });
    expect(reply.costUsd).toBeCloseTo(0.06 + 0.24, 12);
    expect(callsSince(before).map((call) => call.modelId)).toEqual([model]);
    expect(datapoints(agent.emf.documents(), METRICS.costUsd.name, SERVICE)[0]).toBeCloseTo(0.3, 12);
  });

  it('prices cache reads at the cached rate, adding them to the prompt once (Converse leaves them out of inputTokens)', async () => {
    // Prepare
    const agent = buildAgent(standIns);
    standIns.bedrock.enqueue({ kind: 'message', text: 'cached', usage: { inputTokens: 400_000, outputTokens: 0, cacheReadInputTokens: 600_000 } });

    // Act
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());

    // Assess
    expect(reply.usage).toEqual({ promptTokens: 1_000_000, completionTokens: 0, totalTokens: 1_000_000 });
    expect(reply.costUsd).toBeCloseTo(400_000 * NOVA_LITE.input + 600_000 * NOVA_LITE.cacheRead, 12);
  });

  it('makes a single call without toolConfig when AGENT_MAX_TOOL_ITERATIONS=1, and a tool call there ends as today', async () => {
    // Prepare
    const agent = buildAgent(standIns, { AGENT_MAX_TOOL_ITERATIONS: '1' });
    const before = standIns.bedrock.requests.length;
    standIns.bedrock.enqueue(KEEPS_CALLING_TOOLS);

    // Act
    const reply: any = await agent.handler({ question: 'loop forever' }, lambdaContext());

    // Assess
    const calls = callsSince(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].body.toolConfig).toBeUndefined();
    expect(reply.error).toEqual({ category: 'validation_error', message: expect.stringMatching(/after 1 iterations \(AGENT_MAX_TOOL_ITERATIONS\)/) });
    expect(sum(datapoints(agent.emf.documents(), METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' }))).toBe(0);
  });

  it('keeps toolConfig on the last call of a history with tool blocks and tells the model to answer, so Converse accepts it', async () => {
    // Prepare
    const agent = buildAgent(standIns, { AGENT_MAX_TOOL_ITERATIONS: '2' });
    const before = standIns.bedrock.requests.length;
    standIns.bedrock.enqueue(KEEPS_CALLING_TOOLS, KEEPS_CALLING_TOOLS);

    // Act
    const reply: any = await agent.handler({ question: 'loop forever' }, lambdaContext());

    // Assess: not a bad_request (Bedrock refuses tool blocks without toolConfig), but the loop's own end.
    const calls = callsSince(before);
    expect(calls).toHaveLength(2);
    expect(calls[1].body.toolConfig.tools.length).toBeGreaterThan(0);
    expect(calls[0].body.system).toHaveLength(1);
    expect(calls[1].body.system.at(-1)).toEqual({ text: ANSWER_NOW_INSTRUCTION });
    expect(reply.error).toEqual({ category: 'validation_error', message: expect.stringMatching(/after 2 iterations/) });
    const docs = agent.emf.documents();
    expect(sum(datapoints(docs, METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' }))).toBe(1);
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
  });

  it('answers on the last call when the model obeys, with AGENT_MAX_TOOL_ITERATIONS=2', async () => {
    // Prepare: the simulated model answers from the tool result.
    const agent = buildAgent(standIns, { AGENT_MAX_TOOL_ITERATIONS: '2' });

    // Act
    const reply: any = await agent.handler({ question: 'What is 6*7?' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: expect.stringContaining('42'), toolCalls: ['calculator'] });
  });

  it('sends the results of every tool call of one turn in one user message, the calls past the cap answered unrun', async () => {
    // Prepare: ten calls in one turn, two past the cap of eight; Converse refuses a result missing or out of place.
    const agent = buildAgent(standIns);
    const before = standIns.bedrock.requests.length;
    const toolUses = Array.from({ length: 10 }, (_, index) => ({ name: 'calculator', input: { expression: `${index}+1` }, toolUseId: `tooluse_${index}` }));
    standIns.bedrock.enqueue({ kind: 'message', text: 'Let me compute these.', toolUses }, { kind: 'message', text: 'done' });

    // Act
    const reply: any = await agent.handler({ question: 'many sums' }, lambdaContext());

    // Assess
    expect(reply.answer).toBe('done');
    const [, second] = callsSince(before);
    expect(second.body.messages[1].content[0]).toEqual({ text: 'Let me compute these.' });
    const results = second.body.messages.at(-1).content.map((block: any) => [block.toolResult.toolUseId, block.toolResult.content[0].text]);
    expect(results).toHaveLength(10);
    expect(results.slice(0, 8)).toEqual(toolUses.slice(0, 8).map((use, index) => [use.toolUseId, String(index + 1)]));
    expect(results.slice(8).map(([, text]: string[]) => text)).toEqual([expect.stringMatching(/at most 8 tool calls per turn/), expect.stringMatching(/at most 8 tool calls per turn/)]);
    expect(datapoints(agent.emf.documents(), METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' })).toEqual([8]);
  });

  it('answers over HTTP/1.1 when the client is built with NodeHttpHandler', async () => {
    // Prepare: the protocol is a client option, not a setting of the environment.
    const config = loadAgentConfig(agentEnv(standIns));
    const converse = bedrockConverser(config, bedrockRuntimeClient({ ...config, http: 'http1.1' }));
    const agent = buildAgent(standIns, {}, undefined, { converse: async () => converse });
    const before = standIns.bedrock.requests.length;

    // Act
    const reply: any = await agent.handler({ question: 'What is 12*7?' }, lambdaContext());

    // Assess
    expect(reply).toMatchObject({ answer: expect.stringContaining('84'), model: BEDROCK_AGENT_MODEL, toolCalls: ['calculator'] });
    expect(callsSince(before).map((call) => call.protocol)).toEqual(['http/1.1', 'http/1.1']);
  });
});
