import { ConverseCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { bedrockCallError } from '../errors/bedrock-errors';
import { bedrockRuntimeClient } from './bedrock-client';
import type { Converser } from './bedrock-turn';

/** What a Bedrock caller is bounded by: LLM_TIMEOUT_MS per attempt, LLM_MAX_RETRIES retries. */
export interface BedrockCallSettings {
  readonly llmTimeoutMs: number;
  readonly llmMaxRetries: number;
}

/**
 * Converse over the Bedrock Runtime SDK, its client built once (bedrockRuntimeClient: bounded
 * attempts, region from the Lambda environment, endpoint only from
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`). The request's signal aborts the call at its deadline; any
 * other failure is rethrown as a categorized error naming Bedrock and the model.
 *
 * @example
 * const converse = bedrockConverser({ llmTimeoutMs: 20_000, llmMaxRetries: 2 });
 * const reply = await converse({ modelId: 'amazon.nova-lite-v1:0', messages }, { signal, deadlineAt });
 */
export function bedrockConverser(settings: BedrockCallSettings, client: BedrockRuntimeClient = bedrockRuntimeClient(settings)): Converser {
  return async (input, { signal }) => {
    try {
      return await client.send(new ConverseCommand(input), { abortSignal: signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw bedrockCallError(error, input.modelId ?? 'an unnamed model');
    }
  };
}
