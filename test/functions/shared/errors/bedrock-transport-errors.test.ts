import { constants as http2Constants, type OutgoingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { bedrockCallError } from '../../../../functions/shared/errors/bedrock-errors';
import { classifyError } from '../../../../functions/shared/errors/classify';
import { bedrockRuntimeClient } from '../../../../functions/shared/llm/bedrock-client';
import {
  converse,
  errorReply,
  startHttp1Endpoint,
  startHttp2Endpoint,
  TEST_MODEL,
  useBedrockEndpoint,
  withProductionLikeErrors,
  type WireEndpoint,
} from '../../../support/bedrock-wire';

const TIMEOUT_MS = 300;
const CALL = `The call to Bedrock model ${TEST_MODEL}`;
/** HTTP/1.1 reports the reset (code ECONNRESET); HTTP/2 only that the session closed before the reply. */
const RESET_MESSAGES = {
  http2: `${CALL} lost its connection to Bedrock before the reply: Unexpected error: http2 request did not get a response`,
  'http1.1': `${CALL} could not reach Bedrock (ECONNRESET): socket hang up`,
} as const;

/** What the endpoint does: the same failure, spoken over HTTP/2 and over HTTP/1.1. */
type Failure = 'hang' | 'reset' | 'throttle' | 'html-502';

let endpoint: WireEndpoint | undefined;
let restoreEnv: () => void = () => undefined;
let client: BedrockRuntimeClient | undefined;

afterEach(async () => {
  client?.destroy();
  restoreEnv();
  await endpoint?.close();
  endpoint = undefined;
});

async function serve(http: 'http2' | 'http1.1', failure: Failure): Promise<WireEndpoint> {
  const throttled = errorReply(429, 'ThrottlingException', 'Too many tokens, please wait before trying again.');
  endpoint =
    http === 'http2'
      ? await startHttp2Endpoint((stream, self) => {
          if (failure === 'reset') self.resetConnections();
          if (failure === 'throttle') answer(stream, throttled.headers, throttled.body);
          if (failure === 'html-502') answer(stream, { ':status': 502, 'content-type': 'text/html' }, '<html>Bad gateway</html>');
        })
      : await startHttp1Endpoint((request, response) => {
          if (failure === 'reset') request.socket.destroy();
          if (failure === 'throttle') {
            const { ':status': status, ...headers } = throttled.headers;
            response.writeHead(status, headers).end(throttled.body);
          }
          if (failure === 'html-502') response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
        });
  restoreEnv = useBedrockEndpoint(endpoint.endpoint);
  return endpoint;
}

function answer(stream: ServerHttp2Stream, headers: OutgoingHttpHeaders, body: string): void {
  stream.respond(headers);
  stream.end(body);
}

async function failureOf(http: 'http2' | 'http1.1'): Promise<unknown> {
  client = withProductionLikeErrors(bedrockRuntimeClient({ llmTimeoutMs: TIMEOUT_MS, llmMaxRetries: 0, http }));
  try {
    await converse(client);
  } catch (error) {
    return error;
  }
  throw new Error('the call was expected to fail');
}

describe.each(['http2', 'http1.1'] as const)('Bedrock calls over %s that fail in transport', (http) => {
  it('classifies the request timeout as timeout', async () => {
    // Prepare
    await serve(http, 'hang');

    // Act
    const thrown = await failureOf(http);
    const error = bedrockCallError(thrown, TEST_MODEL);

    // Assess
    expect(error.category).toBe('timeout');
    expect(error.message).toBe(`${CALL} timed out (ETIMEDOUT): no complete reply within the request timeout of ${TIMEOUT_MS} ms (LLM_TIMEOUT_MS)`);
    expect(error.status).toBeUndefined();
    expect(classifyError(thrown).category).toBe('timeout');
  });

  it('classifies a reset socket as network_error, though the SDK names it TimeoutError', async () => {
    // Prepare
    await serve(http, 'reset');

    // Act
    const thrown = await failureOf(http);
    const error = bedrockCallError(thrown, TEST_MODEL);

    // Assess
    expect((thrown as Error).name).toBe('TimeoutError');
    expect(error.category).toBe('network_error');
    expect(error.message).toBe(RESET_MESSAGES[http]);
    expect(classifyError(thrown).category).toBe('network_error');
  });

  it('classifies a refused connection as network_error', async () => {
    // Prepare
    const closed = await serve(http, 'hang');
    await closed.close();

    // Act
    const thrown = await failureOf(http);
    const error = bedrockCallError(thrown, TEST_MODEL);

    // Assess
    expect(error.category).toBe('network_error');
    expect(error.message).toMatch(new RegExp(`^${CALL} could not reach Bedrock \\(ECONNREFUSED\\): connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+$`));
    expect(classifyError(thrown).category).toBe('network_error');
  });

  it('classifies a ThrottlingException reply as rate_limit with its status', async () => {
    // Prepare
    await serve(http, 'throttle');

    // Act
    const error = bedrockCallError(await failureOf(http), TEST_MODEL);

    // Assess
    expect(error.category).toBe('rate_limit');
    expect(error.status).toBe(429);
    expect(error.message).toBe(`Bedrock throttled the call to ${TEST_MODEL} (ThrottlingException): Too many tokens, please wait before trying again.`);
  });

  it('classifies an error page that is not JSON by its status', async () => {
    // Prepare
    await serve(http, 'html-502');

    // Act
    const error = bedrockCallError(await failureOf(http), TEST_MODEL);

    // Assess
    expect(error.category).toBe('provider_error');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(new RegExp(`^Bedrock failed with a server error on the call to ${TEST_MODEL} \\(HTTP 502, a reply that is not JSON\\): `));
  });
});

describe('Bedrock calls over http2 whose session ends', () => {
  it('classifies a GOAWAY with an error code as network_error', async () => {
    // Prepare
    endpoint = await startHttp2Endpoint((stream) => {
      stream.session?.goaway(http2Constants.NGHTTP2_INTERNAL_ERROR);
      stream.session?.destroy();
    });
    restoreEnv = useBedrockEndpoint(endpoint.endpoint);

    // Act
    const thrown = await failureOf('http2');
    const error = bedrockCallError(thrown, TEST_MODEL);

    // Assess
    expect(error.category).toBe('network_error');
    expect(error.message).toMatch(new RegExp(`^${CALL} lost its HTTP/2 connection to Bedrock \\(ERR_HTTP2_SESSION_ERROR\\): `));
    expect(classifyError(thrown)).toMatchObject({ category: 'network_error', message: expect.stringMatching(/^A call lost its HTTP\/2 connection to its endpoint/) });
  });
});
