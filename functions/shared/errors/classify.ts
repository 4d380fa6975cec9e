import { CategorizedError } from './agent-errors';
import { classifyBedrockError } from './bedrock-errors';
import { describe, isNamed, messageOf, type ClassifiedError } from './error-text';
import { classifyByNodeCode } from './node-errors';
import { classifyOpenAIError } from './openai-errors';
import { presentable } from './redact';
import { classifySdkTransport } from './sdk-transport-errors';

export type { ClassifiedError } from './error-text';
export { redactSecrets, registerSecret } from './redact';

/** One classifier per provider: the category of that provider's errors, `undefined` for others. */
const PROVIDER_CLASSIFIERS: readonly ((error: unknown) => ClassifiedError | undefined)[] = [
  classifyOpenAIError,
  (error) => classifyBedrockError(error),
];

/** How a transport failure of an AWS SDK client reads when the caller did not name it. */
const ANY_CALL = { call: 'A call', service: 'its endpoint' } as const;

/**
 * Puts any thrown value into one of the error categories of DESIGN.md, with a message that
 * says what failed (API keys and bearer tokens are redacted from it). Each provider's own
 * errors (OpenAI, Amazon Bedrock) are read by that provider's classifier; Node socket errors
 * and the AWS SDK's transport errors by shared rules.
 *
 * @example
 * try { await client.chat.completions.create(params); }
 * catch (error) { const { category, message } = classifyError(error); }
 */
export function classifyError(error: unknown): ClassifiedError {
  const classified = classifyUnredacted(error);
  return { ...classified, message: presentable(classified.message) };
}

function classifyUnredacted(error: unknown): ClassifiedError {
  if (error instanceof CategorizedError) {
    return { category: error.category, message: messageOf(error), ...(error.status !== undefined && { status: error.status }) };
  }
  for (const classifyProviderError of PROVIDER_CLASSIFIERS) {
    const classified = classifyProviderError(error);
    if (classified) return classified;
  }
  if (isNamed(error, 'SyntaxError')) {
    return { category: 'validation_error', message: `The LLM reply could not be parsed as JSON: ${messageOf(error)}` };
  }
  return (
    classifyByNodeCode(error) ??
    classifySdkTransport(error, ANY_CALL) ?? { category: 'unknown_error', message: `Unexpected error: ${describe(error)}` }
  );
}
