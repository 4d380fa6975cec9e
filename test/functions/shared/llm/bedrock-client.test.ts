import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { bedrockRuntimeClient, type BedrockClientConfig } from '../../../../functions/shared/llm/bedrock-client';
import { startHungEndpoint } from '../../../support/hung-endpoint';
import {
  CONVERSE_REPLY,
  converse,
  startHttp1Endpoint,
  startHttp2Endpoint,
  trickle,
  useBedrockEndpoint,
  type WireEndpoint,
} from '../../../support/bedrock-wire';

const TIMEOUT_MS = 300;
const PROTOCOLS = ['http2', 'http1.1'] as const;

let endpoint: WireEndpoint | undefined;
let restoreEnv: () => void = () => undefined;
const clients: BedrockRuntimeClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  restoreEnv();
  await endpoint?.close();
  endpoint = undefined;
});

function client(config: Partial<BedrockClientConfig> = {}): BedrockRuntimeClient {
  const built = bedrockRuntimeClient({ llmTimeoutMs: TIMEOUT_MS, llmMaxRetries: 0, ...config });
  clients.push(built);
  return built;
}

async function serve(http: (typeof PROTOCOLS)[number], kind: 'answer' | 'hang' | 'trickle'): Promise<WireEndpoint> {
  const body = JSON.stringify(CONVERSE_REPLY);
  endpoint =
    http === 'http2'
      ? await startHttp2Endpoint((stream) => {
          if (kind === 'hang') return;
          stream.respond({ ':status': 200, 'content-type': 'application/json' });
          if (kind === 'answer') stream.end(body);
          else trickle((chunk) => stream.write(chunk), () => stream.closed || stream.destroyed);
        })
      : await startHttp1Endpoint((_request, response) => {
          if (kind === 'hang') return;
          response.writeHead(200, { 'content-type': 'application/json' });
          if (kind === 'answer') response.end(body);
          else trickle((chunk) => response.write(chunk), () => response.destroyed);
        });
  restoreEnv = useBedrockEndpoint(endpoint.endpoint);
  return endpoint;
}

async function timed(call: Promise<unknown>): Promise<{ error: any; elapsedMs: number }> {
  const started = Date.now();
  try {
    await call;
  } catch (error) {
    return { error, elapsedMs: Date.now() - started };
  }
  throw new Error('the call was expected to fail');
}

describe.each(PROTOCOLS)('bedrockRuntimeClient over %s', (http) => {
  it('returns the Converse reply of the endpoint named by AWS_ENDPOINT_URL_BEDROCK_RUNTIME', async () => {
    // Prepare
    await serve(http, 'answer');

    // Act
    const reply = await converse(client({ http }));

    // Assess
    expect(reply.output?.message?.content?.[0]?.text).toBe('Paris.');
    expect(reply.usage?.totalTokens).toBe(15);
  });

  it('fails a call that gets no reply at all within llmTimeoutMs', async () => {
    // Prepare
    await serve(http, 'hang');

    // Act
    const { error, elapsedMs } = await timed(converse(client({ http })));

    // Assess
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toContain(`request timeout of ${TIMEOUT_MS} ms (LLM_TIMEOUT_MS)`);
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 700);
  });

  it('fails a reply whose body trickles in for ever, which the SDK handler alone never ends', async () => {
    // Prepare
    await serve(http, 'trickle');

    // Act
    const { error, elapsedMs } = await timed(converse(client({ http })));

    // Assess
    expect(error.name).toBe('TimeoutError');
    expect(error.code).toBe('ETIMEDOUT');
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 700);
  });

  it('fails an endpoint that accepts the connection and never speaks (test/support/hung-endpoint)', async () => {
    // Prepare
    const hung = await startHungEndpoint();
    restoreEnv = useBedrockEndpoint(hung.endpoint);

    // Act
    const { error, elapsedMs } = await timed(converse(client({ http })));
    await hung.close();

    // Assess
    expect(error.name).toBe('TimeoutError');
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 700);
  });

  it('makes llmMaxRetries + 1 attempts, each bounded by llmTimeoutMs', async () => {
    // Prepare
    const hanging = await serve(http, 'hang');

    // Act
    const { error, elapsedMs } = await timed(converse(client({ http, llmMaxRetries: 2 })));

    // Assess
    expect(hanging.received()).toBe(3);
    expect(error.$metadata.attempts).toBe(3);
    expect(elapsedMs).toBeLessThan(3 * TIMEOUT_MS + 2_000);
  });

  it("still ends the attempt with the caller's abort signal, as an AbortError", async () => {
    // Prepare
    await serve(http, 'hang');
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(), 50);

    // Act
    const { error, elapsedMs } = await timed(converse(client({ http, llmTimeoutMs: 5_000 }), { abortSignal: deadline.signal }));

    // Assess
    expect(error.name).toBe('AbortError');
    expect(elapsedMs).toBeLessThan(1_000);
  });
});

describe('bedrockRuntimeClient settings', () => {
  it('takes its region from AWS_REGION and sets no endpoint of its own', async () => {
    // Prepare
    restoreEnv = useBedrockEndpoint('http://127.0.0.1:9', 'eu-west-3');
    delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;

    // Act
    const built = client();
    const region = await built.config.region();
    const resolved = built.config.endpointProvider({ Region: region, UseFIPS: false, UseDualStack: false });

    // Assess
    expect(region).toBe('eu-west-3');
    expect(resolved.url.href).toBe('https://bedrock-runtime.eu-west-3.amazonaws.com/');
    expect(built.config.endpoint).toBeUndefined();
  });

  it.each([
    [{ http: undefined }, 'h2'],
    [{ http: 'http2' as const }, 'h2'],
    [{ http: 'http1.1' as const }, 'http/1.1'],
  ])('with %p speaks %s', (setting, protocol) => {
    // Act
    const built = client(setting);

    // Assess
    expect(built.config.requestHandler.metadata?.handlerProtocol).toBe(protocol);
  });

  it.each<[Partial<BedrockClientConfig>, RegExp]>([
    [{ llmTimeoutMs: 0 }, /llmTimeoutMs must be a positive number of milliseconds, got 0/],
    [{ llmTimeoutMs: Number.NaN }, /llmTimeoutMs must be a positive number/],
    [{ llmMaxRetries: -1 }, /llmMaxRetries must be a whole number of retries, 0 or more, got -1/],
    [{ llmMaxRetries: 1.5 }, /llmMaxRetries must be a whole number/],
    [{ http: 'http3' as never }, /http must be 'http2' or 'http1.1', got http3/],
  ])('refuses %p with a clear message', (setting, message) => {
    // Act
    const build = () => bedrockRuntimeClient({ llmTimeoutMs: TIMEOUT_MS, llmMaxRetries: 0, ...setting });

    // Assess
    expect(build).toThrow(message);
  });
});
