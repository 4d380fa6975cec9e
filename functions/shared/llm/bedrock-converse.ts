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
  return categorizedConverser((input, { signal }) => client.send(new ConverseCommand(input), { abortSignal: signal }));
}

/**
 * A Converse call whose failures are rethrown as the real converser rethrows them: an error
 * after the request's signal aborted as it is (the agent reads it as its deadline), any other
 * through `bedrockCallError` with the model called. The simulator's virtual Bedrock model is
 * wrapped by the same function, so its SDK errors meet the production classifier.
 *
 * @example
 * const converse = categorizedConverser((input, { signal }) => client.send(new ConverseCommand(input), { abortSignal: signal }));
 */
export function categorizedConverser(send: Converser): Converser {
  return async (input, options) => {
    try {
      return await send(input, options);
    } catch (error) {
      if (options.signal.aborted) throw error;
      throw bedrockCallError(error, input.modelId ?? 'an unnamed model');
    }
  };
}
