import OpenAI from 'openai';
import { getBoundedSecret } from '../aws/bounded-client';
import type { CommonConfig } from '../config';
import { registerSecret } from '../errors/classify';
import { guardedProviderFetch } from './provider-fetch';

/** How long a key read from Secrets Manager is cached before it is read again. */
export const API_KEY_CACHE_SECONDS = 300;

/**
 * The OpenAI API key: `OPENAI_API_KEY` when set (local runs, tests), otherwise the Secrets
 * Manager secret named by `OPENAI_API_KEY_SECRET_ID`, cached by Powertools Parameters (its client bounded). A
 * secret may hold the bare key or JSON with an `apiKey` / `OPENAI_API_KEY` field.
 */
export async function resolveApiKey(config: Pick<CommonConfig, 'openaiApiKey' | 'openaiApiKeySecretId'>): Promise<string> {
  if (config.openaiApiKey) return config.openaiApiKey;
  if (!config.openaiApiKeySecretId) {
    throw new Error('no OpenAI API key: set OPENAI_API_KEY or OPENAI_API_KEY_SECRET_ID');
  }
  const secret = await getBoundedSecret(config.openaiApiKeySecretId, API_KEY_CACHE_SECONDS);
  const key = typeof secret === 'string' ? keyFromSecretString(secret) : undefined;
  if (!key) {
    throw new Error(`secret ${config.openaiApiKeySecretId} holds no OpenAI API key (expected the key, or JSON with "apiKey")`);
  }
  registerSecret(key);
  return key;
}

function keyFromSecretString(secret: string): string | undefined {
  const text = secret.trim();
  if (!text.startsWith('{')) return text || undefined;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const key = parsed.apiKey ?? parsed.OPENAI_API_KEY ?? parsed.api_key;
    return typeof key === 'string' && key ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An OpenAI client for the configured endpoint, rebuilt only when the key changes (a
 * rotated secret takes effect after the cache expires). Its fetch never follows a redirect off
 * the configured origin and bounds a reply's decoded size (guardedProviderFetch).
 */
export function openAIClientFactory(config: CommonConfig): () => Promise<OpenAI> {
  let cached: { key: string; client: OpenAI } | undefined;
  return async () => {
    const key = await resolveApiKey(config);
    if (cached?.key !== key) {
      cached = {
        key,
        client: new OpenAI({
          apiKey: key,
          baseURL: config.openaiBaseUrl,
          timeout: config.llmTimeoutMs,
          maxRetries: config.llmMaxRetries,
          fetch: guardedProviderFetch(),
        }),
      };
    }
    return cached.client;
  };
}
