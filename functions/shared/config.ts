import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from '../../lib/catalog/metrics';

/** A setting that cannot be used; the message names every bad setting and why. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed settings from the environment and collects every problem instead of stopping
 * at the first, so a misconfigured function says everything that is wrong in one message.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name]?.trim();
    return raw ? raw : fallback;
  }

  optionalString(name: string): string | undefined {
    const raw = this.env[name]?.trim();
    return raw ? raw : undefined;
  }

  /** A number within [min, max] (or (min, max] when `exclusiveMin`). */
  number(name: string, fallback: number, range: { min: number; max: number; exclusiveMin?: boolean; integer?: boolean }): number {
    return this.optionalNumber(name, range) ?? fallback;
  }

  optionalNumber(name: string, range: { min: number; max: number; exclusiveMin?: boolean; integer?: boolean }): number | undefined {
    const raw = this.env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    const low = range.exclusiveMin ? value <= range.min : value < range.min;
    const bounds = `${range.exclusiveMin ? '(' : '['}${range.min}, ${range.max}]`;
    if (!Number.isFinite(value) || low || value > range.max || (range.integer && !Number.isInteger(value))) {
      this.problems.push(`${name} must be ${range.integer ? 'an integer' : 'a number'} in ${bounds}, got "${raw}"`);
      return undefined;
    }
    return value;
  }

  /** A value read by `parse`, whose thrown message becomes the problem. */
  parsed<T>(name: string, parse: (raw: string | undefined) => T, fallback: T): T {
    try {
      return parse(this.env[name]);
    } catch (error) {
      this.problems.push((error as Error).message);
      return fallback;
    }
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }

  require(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) this.problems.push(`${name} is required`);
    return value ?? '';
  }

  /** Throws a ConfigError naming every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

/** Settings every function shares: provider, metrics and table names. */
export interface CommonConfig {
  readonly serviceName: string;
  readonly namespace: string;
  readonly openaiApiKey?: string;
  readonly openaiApiKeySecretId?: string;
  readonly openaiBaseUrl?: string;
  readonly llmTimeoutMs: number;
  readonly llmMaxRetries: number;
  readonly budgetTableName?: string;
  readonly samplesTableName?: string;
  readonly dailyBudgetUsd?: number;
  readonly userDailyBudgetUsd?: number;
  readonly budgetSoftThreshold: number;
  readonly budgetFailMode: 'open' | 'closed';
  readonly pricingOverrides?: string;
}

export function readCommonConfig(read: EnvReader): CommonConfig {
  return {
    serviceName: read.string('SERVICE_NAME', read.string('POWERTOOLS_SERVICE_NAME', DEFAULT_SERVICE_NAME)),
    namespace: read.string('METRICS_NAMESPACE', read.string('POWERTOOLS_METRICS_NAMESPACE', DEFAULT_NAMESPACE)),
    openaiApiKey: read.optionalString('OPENAI_API_KEY'),
    openaiApiKeySecretId: read.optionalString('OPENAI_API_KEY_SECRET_ID'),
    openaiBaseUrl: read.optionalString('OPENAI_BASE_URL'),
    llmTimeoutMs: read.number('LLM_TIMEOUT_MS', 20_000, { min: 1, max: 900_000, integer: true }),
    llmMaxRetries: read.number('LLM_MAX_RETRIES', 2, { min: 0, max: 10, integer: true }),
    budgetTableName: read.optionalString('BUDGET_TABLE_NAME'),
    samplesTableName: read.optionalString('SAMPLES_TABLE_NAME'),
    dailyBudgetUsd: read.optionalNumber('DAILY_BUDGET_USD', { min: 0, max: 1e9 }),
    userDailyBudgetUsd: read.optionalNumber('USER_DAILY_BUDGET_USD', { min: 0, max: 1e9 }),
    budgetSoftThreshold: read.number('BUDGET_SOFT_THRESHOLD', 0.8, { min: 0, max: 1, exclusiveMin: true }),
    budgetFailMode: read.oneOf('BUDGET_FAIL_MODE', 'open', ['open', 'closed'] as const),
    pricingOverrides: read.optionalString('PRICING_OVERRIDES'),
  };
}
