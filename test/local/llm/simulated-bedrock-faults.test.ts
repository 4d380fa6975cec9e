import * as bedrock from '@aws-sdk/client-bedrock-runtime';
import { BedrockRuntimeServiceException, ConverseCommand, type ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import {
  BEDROCK_EXCEPTIONS,
  type BedrockExceptionName,
  type ConverseReply,
  startSimulatedBedrock,
  type SimulatedBedrockServer,
} from '../../../local/llm/simulated-bedrock-server';
import { BEDROCK_PROTOCOLS, bedrockClient, useDummyAwsEnvironment, type BedrockProtocol } from '../../support/bedrock-client';

const MODEL = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const EXCEPTIONS = Object.entries(BEDROCK_EXCEPTIONS) as [BedrockExceptionName, { status: number; message: string }][];
/** The two the SDK's model does not declare: it throws them as its base class, with their name. */
const UNMODELED = new Set<string>(['UnrecognizedClientException', 'ExpiredTokenException']);
/** What the SDK says when the connection goes away without an answer, by handler. */
const CONNECTION_LOST: Record<BedrockProtocol, RegExp> = { h2: /http2 request did not get a response/, 'http/1.1': /socket hang up/ };

let server: SimulatedBedrockServer;
let clients: bedrock.BedrockRuntimeClient[];

useDummyAwsEnvironment();

beforeEach(async () => {
  server = await startSimulatedBedrock();
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function converse(protocol: BedrockProtocol = 'h2', config: bedrock.BedrockRuntimeClientConfig = {}): Promise<ConverseCommandOutput> {
  const client = bedrockClient(protocol, server.endpoint, config);
  clients.push(client);
  return client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'Tell me a joke' }] }] }));
}

async function replyTo(reply: ConverseReply): Promise<ConverseCommandOutput> {
  server.enqueue(reply);
  return converse();
}

function exceptionClass(name: string): typeof BedrockRuntimeServiceException {
  return UNMODELED.has(name) ? BedrockRuntimeServiceException : (bedrock as unknown as Record<string, typeof BedrockRuntimeServiceException>)[name];
}

describe.each(BEDROCK_PROTOCOLS)('injected exceptions over %s', (protocol) => {
  it.each(EXCEPTIONS)('throws %s with its status and message', async (name, { status, message }) => {
    // Prepare
    server.enqueue({ kind: 'error', name });

    // Act
    const error = await converse(protocol).catch((caught) => caught);

    // Assess
    expect(error).toBeInstanceOf(exceptionClass(name));
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: status } });
  });
});

describe('exception details', () => {
  it('carries ModelErrorException fields, a given message and headers', async () => {
    // Prepare
    server.enqueue({
      kind: 'error',
      name: 'ModelErrorException',
      message: 'The model crashed.',
      fields: { originalStatusCode: 500, resourceName: MODEL },
      headers: { 'retry-after': '3' },
    });

    // Act
    const error = await converse().catch((caught) => caught);

    // Assess
    expect(error).toBeInstanceOf(bedrock.ModelErrorException);
    expect(error).toMatchObject({ message: 'The model crashed.', originalStatusCode: 500, resourceName: MODEL });
    expect(error.$response.headers['retry-after']).toBe('3');
  });

  it('lets the SDK retry a throttled call into an answer', async () => {
    // Prepare
    server.enqueue({ kind: 'error', name: 'ThrottlingException' });

    // Act
    const reply = await converse('h2', { maxAttempts: 2 });

    // Assess
    expect(reply.$metadata.attempts).toBe(2);
    expect(reply.stopReason).toBe('end_turn');
    expect(server.requests).toHaveLength(2);
  });
});

describe.each(BEDROCK_PROTOCOLS)('broken connections over %s', (protocol) => {
  it('closes promptly while a request hangs, failing it', async () => {
    // Prepare
    server.enqueue({ kind: 'hang' });
    const pending = converse(protocol).catch((caught) => caught);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();

    // Act
    await server.close();

    // Assess
    expect(Date.now() - started).toBeLessThan(500);
    expect((await pending).message).toMatch(CONNECTION_LOST[protocol]);
  });

  it('fails the call when the connection is reset', async () => {
    // Prepare
    server.enqueue({ kind: 'reset' });

    // Act
    const error = await converse(protocol).catch((caught) => caught);

    // Assess
    expect(error).not.toBeInstanceOf(BedrockRuntimeServiceException);
    expect(error.message).toMatch(CONNECTION_LOST[protocol]);
  });

  it('fails the call on a 200 whose body is not JSON', async () => {
    // Prepare
    server.enqueue({ kind: 'malformed' });

    // Act
    const error = await converse(protocol).catch((caught) => caught);

    // Assess
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error.message).toContain('Deserialization error');
    expect(error.$metadata.httpStatusCode).toBe(200);
  });
});

describe('reply overrides', () => {
  it('uses enqueued replies first, in order, then the responder', async () => {
    // Prepare
    server.enqueue({ kind: 'message', text: 'first' }, { kind: 'delay', ms: 50, then: { kind: 'message', text: 'second' } });
    server.respondWith(() => ({ kind: 'message', text: 'from responder' }));

    // Act
    const texts = [];
    for (let i = 0; i < 3; i++) texts.push((await converse()).output?.message?.content?.[0].text);

    // Assess
    expect(texts).toEqual(['first', 'second', 'from responder']);
  });

  it('delays an answer by the given time', async () => {
    // Prepare
    const started = Date.now();

    // Act
    await replyTo({ kind: 'delay', ms: 150, then: { kind: 'message', text: 'late' } });

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('reports usage as given, cache tokens included', async () => {
    // Act
    const reply = await replyTo({ kind: 'message', text: 'cached', usage: { inputTokens: 1000, outputTokens: 20, cacheReadInputTokens: 800, cacheWriteInputTokens: 100 } });

    // Assess
    expect(reply.usage).toEqual({ inputTokens: 1000, outputTokens: 20, totalTokens: 1020, cacheReadInputTokens: 800, cacheWriteInputTokens: 100 });
  });

  it('reports negative usage as given, and no usage when told', async () => {
    // Act
    const negative = await replyTo({ kind: 'message', text: 'odd', usage: { inputTokens: -5, outputTokens: 3 } });
    const missing = await replyTo({ kind: 'message', text: 'none', usage: null });

    // Assess
    expect(negative.usage).toEqual({ inputTokens: -5, outputTokens: 3, totalTokens: -2 });
    expect(missing.usage).toBeUndefined();
    expect(missing.output?.message?.content).toEqual([{ text: 'none' }]);
  });

  it('answers without an output message', async () => {
    // Act
    const reply = await replyTo({ kind: 'message', text: 'unseen', omitOutput: true });

    // Assess
    expect(reply.output).toBeUndefined();
    expect(reply.stopReason).toBe('end_turn');
  });

  it('sends tool uses as given: a tool not offered, an input that is not an object', async () => {
    // Act
    const reply = await replyTo({ kind: 'message', toolUses: [{ name: 'delete_everything', input: 'rm -rf /', toolUseId: 'tooluse_x' }] });

    // Assess
    expect(reply.stopReason).toBe('tool_use');
    expect(reply.output?.message?.content).toEqual([{ toolUse: { toolUseId: 'tooluse_x', name: 'delete_everything', input: 'rm -rf /' } }]);
  });

  it('answers with the stop reason given', async () => {
    // Act
    const reply = await replyTo({ kind: 'message', text: 'filtered', stopReason: 'content_filtered' });

    // Assess
    expect(reply.stopReason).toBe('content_filtered');
  });

  it('answers a failing responder with an InternalServerException naming the failure', async () => {
    // Prepare
    server.respondWith(() => {
      throw new Error('no brain today');
    });

    // Act
    const error = await converse().catch((caught) => caught);

    // Assess
    expect(error).toBeInstanceOf(bedrock.InternalServerException);
    expect(error.message).toBe('Simulated responder failed: no brain today');
  });

  it('delays every answer by latencyMs', async () => {
    // Prepare
    const slow = await startSimulatedBedrock({ latencyMs: 150 });
    const client = bedrockClient('h2', slow.endpoint);
    const started = Date.now();

    // Act
    try {
      await client.send(new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
    } finally {
      client.destroy();
      await slow.close();
    }

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
