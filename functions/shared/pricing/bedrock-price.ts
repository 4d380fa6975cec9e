import {
  BEDROCK_MODEL_PROVIDERS,
  BedrockModelIdError,
  INFERENCE_PROFILE_GEOGRAPHIES,
  parseBedrockModelId,
  type BedrockModelRef,
} from '../llm/bedrock-model-id';
import type { PriceEntry, PriceTable } from './price-entry';

const GLOBAL_GEOGRAPHY = 'global';
const PRICE_DECIMALS = 1e9;

/**
 * Whether a name the table does not hold could be a Bedrock model id, inference profile id or
 * ARN (cheap: the part before the first dot is a Bedrock provider or a profile geography).
 */
export function looksLikeBedrockModelId(model: string): boolean {
  if (model.startsWith('arn:')) return true;
  const dot = model.indexOf('.');
  if (dot <= 0) return false;
  const first = model.slice(0, dot);
  return BEDROCK_MODEL_PROVIDERS.includes(first) || INFERENCE_PROFILE_GEOGRAPHIES.includes(first);
}

/**
 * The price entry of a Bedrock identifier the table does not hold as given:
 * - an inference profile (id or ARN) is priced by an entry for its profile id, if the table has
 *   one (an override), otherwise by its base model's entry;
 * - a foundation model ARN by its model id's entry;
 * - an application inference profile (its ARN does not say which model it routes to) is unpriced.
 * A base entry's `regionalPremium` is applied to every call except through a `global.` profile.
 * Unparseable ids are unpriced. Not memoized: `resolvePrice` memoizes per table.
 *
 * @example
 * resolveBedrockPrice('us.anthropic.claude-haiku-4-5-20251001-v1:0', DEFAULT_PRICE_TABLE)?.input; // 1.1
 * resolveBedrockPrice('global.anthropic.claude-haiku-4-5-20251001-v1:0', DEFAULT_PRICE_TABLE)?.input; // 1
 */
export function resolveBedrockPrice(model: string, table: PriceTable): PriceEntry | undefined {
  const ref = parseOrUndefined(model);
  if (ref === undefined || ref.kind === 'application-inference-profile') return undefined;
  if (ref.kind === 'inference-profile') {
    const profile = table.get(ref.profileId);
    if (profile !== undefined) return profile;
  }
  const base = table.get(ref.baseModelId);
  if (base === undefined) return undefined;
  const viaGlobal = ref.kind === 'inference-profile' && ref.geography === GLOBAL_GEOGRAPHY;
  return viaGlobal || base.regionalPremium === undefined || base.regionalPremium === 1 ? base : withPremium(base, base.regionalPremium);
}

function withPremium(entry: PriceEntry, factor: number): PriceEntry {
  const { regionalPremium: _applied, cacheWriteInput, ...rest } = entry;
  return Object.freeze({
    ...rest,
    input: scaled(entry.input, factor),
    cachedInput: scaled(entry.cachedInput, factor),
    ...(cacheWriteInput === undefined ? {} : { cacheWriteInput: scaled(cacheWriteInput, factor) }),
    output: scaled(entry.output, factor),
  });
}

function scaled(price: number, factor: number): number {
  return Math.round(price * factor * PRICE_DECIMALS) / PRICE_DECIMALS;
}

function parseOrUndefined(model: string): BedrockModelRef | undefined {
  try {
    return parseBedrockModelId(model);
  } catch (error) {
    if (error instanceof BedrockModelIdError) return undefined;
    throw error;
  }
}
