import { BedrockRuntimeClient, ConverseCommand, type ConverseCommandInput, type Tool, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { startSimulatedBedrock, type SimulatedBedrockServer } from '../../../local/llm/simulated-bedrock-server';
import { BEDROCK_PROTOCOLS, bedrockClient, useDummyAwsEnvironment, type BedrockProtocol } from '../../support/bedrock-client';

const MODEL = 'amazon.nova-lite-v1:0';
const TOOLS: Tool[] = ['calculator', 'current_datetime', 'search_docs'].map((name) => ({
  toolSpec: { name, inputSchema: { json: { type: 'object', properties: {} } } },
}));
const SCORE_TOOL: Tool = {
  toolSpec: {
    name: 'record_score',
    inputSchema: { json: { type: 'object', properties: { relevance: { type: 'number', minimum: 0, maximum: 1 }, verdict: { type: 'string', enum: ['pass', 'fail'] } } } },
  },
};

let server: SimulatedBedrockServer;
let clients: BedrockRuntimeClient[];

useDummyAwsEnvironment();

beforeEach(async () => {
  server = await startSimulatedBedrock();
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function clientFor(protocol: BedrockProtocol = 'h2', endpoint: string | undefined = server.endpoint): BedrockRuntimeClient {
  const client = bedrockClient(protocol, endpoint);
  clients.push(client);
  return client;
}

function converse(input: Partial<ConverseCommandInput>, protocol: BedrockProtocol = 'h2') {
  return clientFor(protocol).send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'Tell me a joke' }] }], ...input }));
}

describe.each(BEDROCK_PROTOCOLS)('the simulated model over %s', (protocol) => {
  it('answers a question in plain text, with usage and latency', async () => {
    // Act
    const reply = await converse({}, protocol);

    // Assess
    expect(reply.output?.message).toEqual({ role: 'assistant', content: [{ text: expect.stringContaining('Tell me a joke') }] });
    expect(reply.stopReason).toBe('end_turn');
    expect(reply.usage).toEqual({ inputTokens: 4, outputTokens: expect.any(Number), totalTokens: 4 + reply.usage!.outputTokens! });
    expect(reply.metrics?.latencyMs).toEqual(expect.any(Number));
    expect(server.requests[0].protocol).toBe(protocol);
  });

  it('calls a tool, then answers quoting its result', async () => {
    // Prepare
    const question = { role: 'user' as const, content: [{ text: 'What is 6 * 7?' }] };

    // Act
    const call = await converse({ messages: [question], toolConfig: { tools: TOOLS } }, protocol);
    const toolUse = call.output?.message?.content?.[0].toolUse;
    const answer = await converse(
      {
        messages: [question, call.output!.message!, { role: 'user', content: [{ toolResult: { toolUseId: toolUse!.toolUseId, content: [{ text: '42' }] } }] }],
        toolConfig: { tools: TOOLS },
      },
      protocol,
    );

    // Assess
    expect(call.stopReason).toBe('tool_use');
    expect(toolUse).toEqual({ toolUseId: expect.stringMatching(/^tooluse_/), name: 'calculator', input: { expression: '6 * 7' } });
    expect(answer.stopReason).toBe('end_turn');
    expect(answer.output?.message?.content).toEqual([{ text: 'Here is what I found: calculator returned "42".' }]);
  });
});

describe('requests as the SDK sends them', () => {
  it('is reached through AWS_ENDPOINT_URL_BEDROCK_RUNTIME and records SigV4 headers', async () => {
    // Prepare
    process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = server.endpoint;
    const client = clientFor('h2', undefined);

    // Act
    try {
      await client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    } finally {
      delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    }

    // Assess
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/model/amazon.nova-lite-v1%3A0/converse', modelId: MODEL, protocol: 'h2' });
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDSIMULATED\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.body).toEqual({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
  });

  it.each([
    'amazon.nova-lite-v1:0',
    'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0',
  ])('decodes the model id %s', async (modelId) => {
    // Act
    await converse({ modelId });

    // Assess
    expect(server.requests[0].modelId).toBe(modelId);
  });

  it('records system prompt and inference configuration', async () => {
    // Act
    await converse({ system: [{ text: 'Be brief.' }], inferenceConfig: { maxTokens: 200, temperature: 0 } });

    // Assess
    expect(server.requests[0].body).toMatchObject({ system: [{ text: 'Be brief.' }], inferenceConfig: { maxTokens: 200, temperature: 0 } });
  });
});

describe('tool choice and limits', () => {
  it('answers a forced tool with an input that fits its schema', async () => {
    // Act
    const reply = await converse({ toolConfig: { tools: [...TOOLS, SCORE_TOOL], toolChoice: { tool: { name: 'record_score' } } } });

    // Assess
    expect(reply.stopReason).toBe('tool_use');
    expect(reply.output?.message?.content).toEqual([{ toolUse: { toolUseId: expect.any(String), name: 'record_score', input: { relevance: 0.9, verdict: 'pass' } } }]);
  });

  it('keeps the arguments the model chose when the forced tool is the one it wanted', async () => {
    // Act
    const reply = await converse({
      messages: [{ role: 'user', content: [{ text: 'What is 2 + 2?' }] }],
      toolConfig: { tools: TOOLS, toolChoice: { tool: { name: 'calculator' } } },
    });

    // Assess
    expect(reply.output?.message?.content?.[0].toolUse).toMatchObject({ name: 'calculator', input: { expression: '2 + 2' } });
  });

  it('calls the first offered tool when toolChoice is any and no tool fits the question', async () => {
    // Act
    const reply = await converse({ toolConfig: { tools: [SCORE_TOOL, ...TOOLS], toolChoice: { any: {} } } });

    // Assess
    expect(reply.output?.message?.content).toEqual([{ toolUse: expect.objectContaining({ name: 'record_score', input: { relevance: 0.9, verdict: 'pass' } }) }]);
  });

  it('answers structured output with JSON that fits the schema', async () => {
    // Prepare
    const schema = { type: 'object', properties: { score: { type: 'number', minimum: 0, maximum: 1 } }, required: ['score'] };

    // Act
    const reply = await converse({ outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { name: 'score', schema: JSON.stringify(schema) } } } } });

    // Assess
    expect(JSON.parse(reply.output!.message!.content![0].text!)).toEqual({ score: 0.9 });
  });

  it('cuts a long answer to inferenceConfig.maxTokens', async () => {
    // Act
    const reply = await converse({ inferenceConfig: { maxTokens: 3 } });

    // Assess
    expect(reply.stopReason).toBe('max_tokens');
    expect(reply.usage?.outputTokens).toBe(3);
    expect(reply.output?.message?.content?.[0].text).toHaveLength(12);
  });
});

describe('validation as Bedrock does it', () => {
  const toolTurn = [
    { role: 'user' as const, content: [{ text: 'What is 6 * 7?' }] },
    { role: 'assistant' as const, content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'calculator', input: { expression: '6 * 7' } } }] },
    { role: 'user' as const, content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '42' }] } }] },
  ];

  it.each<[string, Partial<ConverseCommandInput>, string | RegExp]>([
    ['tool blocks without toolConfig', { messages: toolTurn }, 'The toolConfig field must be defined when using toolUse and toolResult content blocks.'],
    ['a first message from the assistant', { messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] }, /must start with a user message/],
    [
      'two user messages in a row',
      { messages: [{ role: 'user', content: [{ text: 'a' }] }, { role: 'user', content: [{ text: 'b' }] }] },
      /must alternate between user and assistant roles/,
    ],
    ['a forced tool that is not offered', { toolConfig: { tools: TOOLS, toolChoice: { tool: { name: 'weather' } } } }, /tool weather named in toolConfig.toolChoice/],
    [
      'a tool result for an unknown tool use',
      { messages: [toolTurn[0], toolTurn[1], { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_9', content: [{ text: '42' }] } }] }], toolConfig: { tools: TOOLS } },
      /toolUseId tooluse_9 answers no toolUse block/,
    ],
    ['a tool use left without result', { messages: [...toolTurn.slice(0, 2), { role: 'user', content: [{ text: 'and?' }] }], toolConfig: { tools: TOOLS } }, /Expected toolResult blocks at messages.2.content for the following Ids: tooluse_1/],
  ])('rejects %s with a ValidationException', async (_case, input, message) => {
    // Act
    const error = await converse(input).catch((caught) => caught);

    // Assess
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('answers paths it does not serve with UnknownOperationException', async () => {
    // Act
    const response = await fetch(`${server.endpoint}/model/${MODEL}/converse-stream`, { method: 'POST', body: '{}' });

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toEqual({ message: expect.stringContaining('POST /model/amazon.nova-lite-v1:0/converse-stream') });
  });
});
