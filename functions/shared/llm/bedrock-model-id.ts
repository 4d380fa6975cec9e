/**
 * Amazon Bedrock model identifiers, as `AGENT_MODEL` / `JUDGE_MODEL` (and the stack's `model` /
 * `judgeModel` context) give them with the Bedrock provider. Pure parsing: the runtime, the
 * price table and the stack's IAM policy all read a model id through this one module.
 *
 * Accepted forms:
 * - a foundation model id, `provider.model` (`amazon.nova-lite-v1:0`);
 * - a system inference profile id, a geography then the model id (`us.amazon.nova-lite-v1:0`,
 *   `eu.`, `apac.`, `global.`, ...);
 * - an ARN of a foundation model, an inference profile or an application inference profile.
 */

/** Model providers whose models Bedrock serves: the part before the first dot of a model id. */
export const BEDROCK_MODEL_PROVIDERS: readonly string[] = [
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'google',
  'luma',
  'meta',
  'minimax',
  'mistral',
  'moonshot',
  'moonshotai',
  'nvidia',
  'openai',
  'qwen',
  'stability',
  'twelvelabs',
  'writer',
];

/** Geographies of system-defined cross-region inference profiles: the prefix of their ids. */
export const INFERENCE_PROFILE_GEOGRAPHIES: readonly string[] = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'];

/** The model a Bedrock identifier names, and how it is reached. */
export type BedrockModelRef =
  | {
      readonly kind: 'foundation-model';
      /** The id as given. */
      readonly id: string;
      /** The foundation model id (`amazon.nova-lite-v1:0`): what the price table knows. */
      readonly baseModelId: string;
      readonly provider: string;
      /** Set when the id is an ARN. */
      readonly region?: string;
      readonly partition?: string;
    }
  | {
      readonly kind: 'inference-profile';
      readonly id: string;
      /** The profile id (`us.amazon.nova-lite-v1:0`). */
      readonly profileId: string;
      /** `us`, `eu`, `apac`, `global`, ... */
      readonly geography: string;
      readonly baseModelId: string;
      readonly provider: string;
      readonly region?: string;
      readonly account?: string;
      readonly partition?: string;
    }
  | {
      readonly kind: 'application-inference-profile';
      readonly id: string;
      /** The opaque profile id: which model it routes to is not in the ARN. */
      readonly profileId: string;
      readonly region: string;
      readonly account: string;
      readonly partition: string;
    };

/** A model id that is not a Bedrock model id, with the reason. */
export class BedrockModelIdError extends Error {
  constructor(
    readonly modelId: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(modelId)} is not an Amazon Bedrock model id: ${reason}`);
    this.name = 'BedrockModelIdError';
  }
}

/** The model id Bedrock is used with when none is configured. */
export const DEFAULT_BEDROCK_MODEL = 'amazon.nova-lite-v1:0';

const MODEL_PART = /^[a-z0-9][a-z0-9._-]*(?::[a-z0-9._-]+)*$/;
const ARN = /^arn:(aws[a-z-]*):bedrock:([a-z0-9-]+):(\d{12})?:([a-z-]+)\/(.+)$/;
const RESOURCE_TYPES = ['foundation-model', 'inference-profile', 'application-inference-profile'];
const EXAMPLES = 'e.g. amazon.nova-lite-v1:0, us.anthropic.claude-haiku-4-5-20251001-v1:0, or an inference profile ARN';

/**
 * Parses a Bedrock model id, inference profile id or ARN.
 *
 * @throws BedrockModelIdError saying what is wrong (an OpenAI model name such as `gpt-4o-mini`
 *   has no provider prefix and is refused).
 * @example
 * parseBedrockModelId('us.amazon.nova-lite-v1:0');
 * // { kind: 'inference-profile', profileId: 'us.amazon.nova-lite-v1:0', geography: 'us', baseModelId: 'amazon.nova-lite-v1:0', provider: 'amazon', ... }
 */
export function parseBedrockModelId(id: string): BedrockModelRef {
  if (typeof id !== 'string' || id.trim() === '') throw new BedrockModelIdError(String(id), `it is empty (${EXAMPLES})`);
  if (id !== id.trim()) throw new BedrockModelIdError(id, 'it has spaces around it');
  if (id.startsWith('arn:')) return parseArn(id);
  return parseModelId(id, id);
}

/** The problem with a Bedrock model id, or undefined when it is one. */
export function bedrockModelIdProblem(id: string): string | undefined {
  try {
    parseBedrockModelId(id);
    return undefined;
  } catch (error) {
    if (error instanceof BedrockModelIdError) return error.message;
    throw error;
  }
}

function parseModelId(id: string, whole: string, arnParts?: { region: string; account?: string; partition: string }): BedrockModelRef {
  const [first, ...rest] = id.split('.');
  if (rest.length > 0 && INFERENCE_PROFILE_GEOGRAPHIES.includes(first)) {
    const base = foundationModel(rest.join('.'), whole);
    return { kind: 'inference-profile', id: whole, profileId: id, geography: first, baseModelId: base.modelId, provider: base.provider, ...arnParts };
  }
  const base = foundationModel(id, whole);
  return { kind: 'foundation-model', id: whole, baseModelId: base.modelId, provider: base.provider, ...(arnParts && { region: arnParts.region, partition: arnParts.partition }) };
}

function foundationModel(modelId: string, whole: string): { modelId: string; provider: string } {
  const dot = modelId.indexOf('.');
  if (dot <= 0) {
    throw new BedrockModelIdError(whole, `a Bedrock model id is provider.model, with an optional geography prefix (${EXAMPLES}); OpenAI model names are for the openai provider`);
  }
  const provider = modelId.slice(0, dot);
  const model = modelId.slice(dot + 1);
  if (!BEDROCK_MODEL_PROVIDERS.includes(provider)) {
    throw new BedrockModelIdError(whole, `"${provider}" is not a Bedrock model provider (known: ${BEDROCK_MODEL_PROVIDERS.join(', ')})`);
  }
  if (!MODEL_PART.test(model)) {
    throw new BedrockModelIdError(whole, `"${model}" is not a model name (lower-case letters, digits, ".", "-", "_" and ":" versions; ${EXAMPLES})`);
  }
  return { modelId, provider };
}

function parseArn(arn: string): BedrockModelRef {
  const match = ARN.exec(arn);
  if (!match) throw new BedrockModelIdError(arn, 'a Bedrock ARN is arn:aws:bedrock:<region>:<account>:<resource-type>/<id>');
  const [, partition, region, account, type, resource] = match;
  if (!RESOURCE_TYPES.includes(type)) {
    throw new BedrockModelIdError(arn, `the resource type "${type}" is not one the Converse API is called with here (${RESOURCE_TYPES.join(', ')})`);
  }
  if (type === 'foundation-model') {
    if (account) throw new BedrockModelIdError(arn, 'a foundation-model ARN has no account');
    return parseModelId(resource, arn, { region, partition });
  }
  if (!account) throw new BedrockModelIdError(arn, `an ${type} ARN names its account`);
  if (type === 'application-inference-profile') {
    if (!/^[a-z0-9]+$/.test(resource)) throw new BedrockModelIdError(arn, `"${resource}" is not an application inference profile id`);
    return { kind: 'application-inference-profile', id: arn, profileId: resource, region, account, partition };
  }
  const parsed = parseModelId(resource, arn, { region, account, partition });
  if (parsed.kind !== 'inference-profile') {
    throw new BedrockModelIdError(arn, `an inference-profile ARN names a profile id with a geography prefix (${INFERENCE_PROFILE_GEOGRAPHIES.join(', ')})`);
  }
  return parsed;
}
