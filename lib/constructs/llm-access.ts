import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { LlmProvider } from '../config/llm-provider';

/**
 * The OpenAI key a function reads: the given secret with the openai provider (where it is
 * required), none with bedrock (where giving one is refused, so that a Bedrock function never
 * holds a grant on an OpenAI key).
 *
 * @throws Error naming the construct and the prop when the secret does not fit the provider
 */
export function openAiKeyFor(construct: string, provider: LlmProvider, secret: secretsmanager.ISecret | undefined): secretsmanager.ISecret | undefined {
  if (provider === 'openai') {
    if (!secret) throw new Error(`${construct}: apiKeySecret (the Secrets Manager secret of the OpenAI API key) is required with the openai provider`);
    return secret;
  }
  if (secret) throw new Error(`${construct}: apiKeySecret is for the openai provider only; with ${provider} the function reads no OpenAI key, so leave it out`);
  return undefined;
}

/**
 * `AGENT_PROVIDER` / `JUDGE_PROVIDER` when the provider is not the runtime's default (openai):
 * a function on OpenAI keeps the environment it had before providers existed.
 */
export function providerEnvironment(variable: 'AGENT_PROVIDER' | 'JUDGE_PROVIDER', provider: LlmProvider): Record<string, string> {
  return provider === 'openai' ? {} : { [variable]: provider };
}
