import { METRICS } from '../../../lib/catalog/metrics';
import type { ConverseReply } from '../../../local/llm/simulated-bedrock-server';
import { datapoints, type EmfDocument } from '../../support/emf';
import { lambdaContext } from '../../support/lambda-context';
import { BEDROCK_AGENT_MODEL, buildAgent, startAgentStandIns, type BedrockAgentStandIns } from '../../support/agent-harness';

const SERVICE = { service: 'agent' };
const MODEL = { ...SERVICE, model: BEDROCK_AGENT_MODEL };

/** Converse replies no agent should serve as sent, through the real SDK: refused or unmeasured as the OpenAI ones are, never a crash. */
describe('agent on Bedrock: replies that cannot be served as sent', () => {
  let standIns: BedrockAgentStandIns;

  beforeAll(async () => {
    standIns = await startAgentStandIns({ provider: 'bedrock' });
  });

  afterAll(async () => {
    await standIns.stop();
  });

  async function askAnswered(...replies: ConverseReply[]): Promise<{ reply: any; docs: EmfDocument[]; calls: number }> {
    const agent = buildAgent(standIns);
    const before = standIns.bedrock.requests.length;
    standIns.bedrock.enqueue(...replies);
    const reply: any = await agent.handler({ question: 'hi' }, lambdaContext());
    return { reply, docs: agent.emf.documents(), calls: standIns.bedrock.requests.length - before };
  }

  function expectOneRequest(docs: EmfDocument[]): void {
    expect(datapoints(docs, METRICS.requests.name, SERVICE)).toEqual([1]);
  }

  it('refuses a reply with no output message as validation_error', async () => {
    // Act
    const { reply, docs, calls } = await askAnswered({ kind: 'message', text: 'lost', omitOutput: true });

    // Assess
    expect(reply.error).toEqual({ category: 'validation_error', message: `the Bedrock reply from ${BEDROCK_AGENT_MODEL} has no output message` });
    expect(calls).toBe(1);
    expectOneRequest(docs);
    expect(datapoints(docs, METRICS.errors.name, { ...SERVICE, error_category: 'validation_error' })).toEqual([1]);
  });

  it.each([
    ['a string', 'expression=1+1', 'a string'],
    ['an array', [{ expression: '1+1' }], 'an array'],
    ['null (which the SDK reads as no input)', null, 'missing'],
    ['a number', 42, 'a number'],
  ])('refuses a toolUse whose input is %s as validation_error, running no tool', async (_name, input, described) => {
    // Act
    const { reply, docs, calls } = await askAnswered({ kind: 'message', toolUses: [{ name: 'calculator', input }] });

    // Assess
    expect(reply.error).toEqual({
      category: 'validation_error',
      message: `the Bedrock reply from ${BEDROCK_AGENT_MODEL} calls the tool "calculator" with an input that is ${described}, not an object`,
    });
    expect(calls).toBe(1);
    expectOneRequest(docs);
    expect(datapoints(docs, METRICS.toolCalls.name, { ...SERVICE, tool: 'calculator' })).toEqual([]);
  });

  it('answers a tool the agent does not have with an error the model can recover from, counted as unknown_tool', async () => {
    // Act
    const { reply, docs, calls } = await askAnswered(
      { kind: 'message', toolUses: [{ name: 'weather', input: { city: 'Paris' }, toolUseId: 'tooluse_weather' }] },
      { kind: 'message', text: 'I cannot tell the weather.' },
    );

    // Assess
    expect(reply).toMatchObject({ answer: 'I cannot tell the weather.', toolCalls: ['weather'] });
    expect(calls).toBe(2);
    const toolResult = standIns.bedrock.requests.at(-1)!.body.messages.at(-1).content[0].toolResult;
    expect(toolResult).toEqual({ toolUseId: 'tooluse_weather', content: [{ text: expect.stringMatching(/^Error: there is no tool named "weather"\. Available tools: calculator/) }] });
    expectOneRequest(docs);
    expect(datapoints(docs, METRICS.toolErrors.name, { ...SERVICE, tool: 'unknown_tool' })).toEqual([1]);
    expect(JSON.stringify(docs.map((doc) => doc.root))).not.toContain('"tool":"weather"');
  });

  it.each<[string, ConverseReply]>([
    ['no usage at all', { kind: 'message', text: 'fine', usage: null }],
    ['negative output tokens', { kind: 'message', text: 'fine', usage: { inputTokens: 10, outputTokens: -1 } }],
    ['negative cache reads', { kind: 'message', text: 'fine', usage: { inputTokens: 10, outputTokens: 2, cacheReadInputTokens: -5 } }],
    ['fractional input tokens', { kind: 'message', text: 'fine', usage: { inputTokens: 10.5, outputTokens: 2 } }],
  ])('keeps an answer with %s, unmeasured and unpriced, never costing 0', async (_name, converseReply) => {
    // Act
    const { reply, docs } = await askAnswered(converseReply);

    // Assess
    expect(reply).toMatchObject({ answer: 'fine', model: BEDROCK_AGENT_MODEL, costUsd: null, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 } });
    expectOneRequest(docs);
    expect(datapoints(docs, METRICS.costUnpriced.name, MODEL)).toEqual([1]);
    expect(datapoints(docs, METRICS.costUsd.name, SERVICE)).toEqual([]);
    expect(datapoints(docs, METRICS.tokensTotal.name, MODEL)).toEqual([]);
  });
});
