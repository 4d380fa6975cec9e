import { readPseudonymKeyConfig, type PseudonymKeyConfig } from '../shared/capture/pseudonym-key';
import { DEFAULT_SAMPLE_RATE, parseSampleRate } from '../shared/capture/sampling';
import { ConfigError, EnvReader, readCommonConfig, type CommonConfig, type Env } from '../shared/config';
import { readProviderModel, type ModelProvider } from '../shared/llm/provider-settings';

/** The agent function's settings (DESIGN.md configuration names, plus the agent's own). */
export interface AgentConfig extends CommonConfig, PseudonymKeyConfig {
  /** AGENT_PROVIDER: `openai` (chat completions, the default) or `bedrock` (Converse). */
  readonly provider: ModelProvider;
  /** AGENT_MODEL: an OpenAI model name, or with Bedrock a model id, inference profile id or ARN. */
  readonly model: string;
  readonly sampleRate: number;
  readonly sampleTtlDays: number;
  readonly deadlineMs: number;
  readonly maxToolIterations: number;
  readonly maxCompletionTokens: number;
  readonly maxBodyBytes: number;
}

/**
 * Reads and validates the agent's configuration; a bad value is a startup error whose
 * message names the setting.
 */
export function loadAgentConfig(env: Env = process.env): AgentConfig {
  const read = new EnvReader(env);
  const common = readCommonConfig(read);
  const config: AgentConfig = {
    ...common,
    ...readPseudonymKeyConfig(read, common.samplesTableName !== undefined),
    ...readProviderModel(read, { provider: 'AGENT_PROVIDER', model: 'AGENT_MODEL' }),
    sampleRate: read.parsed('SAMPLE_RATE', parseSampleRate, DEFAULT_SAMPLE_RATE),
    sampleTtlDays: read.number('SAMPLE_TTL_DAYS', 30, { min: 1, max: 3650, integer: true }),
    deadlineMs: read.number('AGENT_DEADLINE_MS', 25_000, { min: 100, max: 900_000, integer: true }),
    maxToolIterations: read.number('AGENT_MAX_TOOL_ITERATIONS', 5, { min: 1, max: 50, integer: true }),
    maxCompletionTokens: read.number('AGENT_MAX_COMPLETION_TOKENS', 1024, { min: 1, max: 200_000, integer: true }),
    maxBodyBytes: read.number('MAX_BODY_BYTES', 32 * 1024, { min: 1024, max: 6 * 1024 * 1024, integer: true }),
  };
  if (config.provider === 'openai' && !config.openaiApiKey && !config.openaiApiKeySecretId) {
    read.problems.push('set OPENAI_API_KEY (local runs) or OPENAI_API_KEY_SECRET_ID (the Secrets Manager secret holding the key)');
  }
  if (Boolean(config.budgetTableName) !== (config.dailyBudgetUsd !== undefined)) {
    read.problems.push('BUDGET_TABLE_NAME and DAILY_BUDGET_USD go together: set both to enforce a daily budget, or neither');
  }
  read.done();
  return config;
}

export { ConfigError };
