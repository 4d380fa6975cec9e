import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** The two ways the SDK reaches Bedrock: its default HTTP/2 handler, or `NodeHttpHandler` (HTTP/1.1). */
export type BedrockProtocol = 'h2' | 'http/1.1';

export const BEDROCK_PROTOCOLS: readonly BedrockProtocol[] = ['h2', 'http/1.1'];

const DUMMY_ENV = { AWS_ACCESS_KEY_ID: 'AKIDSIMULATED', AWS_SECRET_ACCESS_KEY: 'simulated-secret', AWS_REGION: 'us-east-1' };

/**
 * Sets dummy AWS credentials and a region in the environment for the tests of a file, the way
 * a local run does, and restores the previous values afterwards.
 */
export function useDummyAwsEnvironment(): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [name, value] of Object.entries(DUMMY_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/**
 * A real Bedrock Runtime client for `endpoint` speaking `protocol`, without retries unless
 * `config` asks for them. Call `destroy()` when done, so no HTTP/2 session outlives the test.
 */
export function bedrockClient(protocol: BedrockProtocol, endpoint: string | undefined, config: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    maxAttempts: 1,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(protocol === 'http/1.1' ? { requestHandler: new NodeHttpHandler() } : {}),
    ...config,
  });
}
