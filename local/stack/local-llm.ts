import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedBedrock } from '../llm/simulated-bedrock-server';
import { startSimulatedOpenAI } from '../llm/simulated-openai-server';

type Env = Readonly<Record<string, string | undefined>>;

/** The model the local stack answers with: a configured endpoint or account, or a local simulated one. */
export interface LocalLlm {
  readonly provider: 'openai' | 'bedrock';
  readonly kind: 'configured' | 'simulated';
  /** Settings the functions read on top of the caller's environment. */
  readonly env: Env;
  /** One line for the start banner: which model answers, and how to use a real one. */
  readonly description: string;
  close(): Promise<void>;
}

/** Variables through which the AWS SDK finds an endpoint or credentials: any one set means Bedrock is configured. */
const BEDROCK_CONFIGURED_BY = ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];

/** SDK variables the simulated Bedrock sets in this process (the Bedrock client reads the process environment). */
const SIMULATED_BEDROCK_ENV = ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;

/**
 * Chooses the local model. With the OpenAI provider (the default): the endpoint of
 * `OPENAI_API_KEY` / `OPENAI_BASE_URL` when either is set, otherwise the simulated
 * OpenAI-compatible server. With `AGENT_PROVIDER=bedrock` (or `JUDGE_PROVIDER=bedrock`): Amazon
 * Bedrock as the AWS SDK finds it when an endpoint or credentials are configured (environment or
 * `~/.aws`), otherwise the local Converse stand-in, reached through the SDK's own
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` (set in this process while the stack runs, restored on close).
 */
export async function startLocalLlm(env: Env): Promise<LocalLlm> {
  const provider = env.AGENT_PROVIDER?.trim() === 'bedrock' || env.JUDGE_PROVIDER?.trim() === 'bedrock' ? 'bedrock' : 'openai';
  return provider === 'bedrock' ? bedrock(env) : openai(env);
}

async function openai(env: Env): Promise<LocalLlm> {
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) {
    return {
      provider: 'openai',
      kind: 'configured',
      // A keyless OpenAI-compatible endpoint (a local model server) still needs some key for the SDK.
      env: env.OPENAI_API_KEY ? {} : { OPENAI_API_KEY: 'sk-local-no-key' },
      description: `the model at ${env.OPENAI_BASE_URL ?? 'api.openai.com'}`,
      close: async () => undefined,
    };
  }
  const server = await startSimulatedOpenAI();
  return {
    provider: 'openai',
    kind: 'simulated',
    env: { OPENAI_API_KEY: 'sk-local-simulated', OPENAI_BASE_URL: server.baseUrl },
    description: 'the local SIMULATED model (set OPENAI_API_KEY, and OPENAI_BASE_URL for another endpoint, to use a real one)',
    close: () => server.close(),
  };
}

async function bedrock(env: Env): Promise<LocalLlm> {
  const configuredBy = BEDROCK_CONFIGURED_BY.find((name) => env[name]) ?? (hasAwsFiles(env.HOME) ? '~/.aws' : undefined);
  if (configuredBy) {
    const endpoint = env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? env.AWS_ENDPOINT_URL;
    return {
      provider: 'bedrock',
      kind: 'configured',
      env: {},
      description: `Amazon Bedrock ${endpoint ? `at ${endpoint}` : `in ${env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'the configured region'}`} (configured by ${configuredBy})`,
      close: async () => undefined,
    };
  }
  const server = await startSimulatedBedrock();
  const saved = Object.fromEntries(SIMULATED_BEDROCK_ENV.map((name) => [name, process.env[name]]));
  Object.assign(process.env, { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.endpoint, AWS_ACCESS_KEY_ID: 'local-simulated', AWS_SECRET_ACCESS_KEY: 'local-simulated', AWS_REGION: 'us-east-1' });
  return {
    provider: 'bedrock',
    kind: 'simulated',
    env: {},
    description: `the local SIMULATED Bedrock Converse endpoint at ${server.endpoint} (set AWS credentials or AWS_ENDPOINT_URL_BEDROCK_RUNTIME to use Amazon Bedrock)`,
    close: async () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await server.close();
    },
  };
}

/** Whether the AWS CLI's shared files exist under `home` (the SDK reads credentials and profiles there). */
function hasAwsFiles(home: string = homedir()): boolean {
  return existsSync(join(home, '.aws', 'credentials')) || existsSync(join(home, '.aws', 'config'));
}
