/**
 * Which provider and model each span of a scenario calls (`traffic.provider`, `phases[].provider`),
 * and the switch of a whole scenario to another provider (`agent-monitor simulate --provider`).
 */
import { bedrockModelIdProblem, DEFAULT_BEDROCK_MODEL } from '../../functions/shared/llm/bedrock-model-id';
import { DEFAULT_MODELS, MODEL_PROVIDERS, type ModelProvider } from '../../functions/shared/llm/provider-settings';
import type { Phase, Scenario, TrafficProfile } from './scenario';

export { MODEL_PROVIDERS, type ModelProvider };

/**
 * The Bedrock model an OpenAI model of a scenario becomes when the scenario is switched to
 * Bedrock: one of a similar price in dollars, so that spend faults still cross the same
 * thresholds (cost-spike's gpt-4o phase: 2.5 / 10 USD per 1M tokens; Claude Sonnet 4.5: 3 / 15).
 * Any other OpenAI model becomes DEFAULT_BEDROCK_MODEL; switched back to OpenAI, a Bedrock model
 * becomes its OpenAI counterpart, else the OpenAI default.
 */
export const BEDROCK_COUNTERPARTS: Readonly<Record<string, string>> = {
  'gpt-4o-mini': DEFAULT_BEDROCK_MODEL,
  'gpt-4o': 'anthropic.claude-sonnet-4-5-20250929-v1:0',
};

/** Whether `value` names a provider the simulator plays. */
export function isModelProvider(value: unknown): value is ModelProvider {
  return (MODEL_PROVIDERS as readonly unknown[]).includes(value);
}

/** The provider of the traffic profile. */
export function trafficProvider(traffic: TrafficProfile): ModelProvider {
  return traffic.provider ?? 'openai';
}

/** The provider a span calls: the phase's, else the profile's. */
export function spanProvider(scenario: Scenario, phase: Phase | undefined): ModelProvider {
  return phase?.provider ?? trafficProvider(scenario.traffic);
}

/**
 * The model a span calls: the phase's, else the profile's when the profile is on the same
 * provider, else that provider's default model (a profile's OpenAI model is no Bedrock model id).
 */
export function spanModel(scenario: Scenario, phase: Phase | undefined): string {
  if (phase?.model !== undefined) return phase.model;
  const provider = spanProvider(scenario, phase);
  return provider === trafficProvider(scenario.traffic) ? scenario.traffic.model : DEFAULT_MODELS[provider];
}

/** Why `model` cannot be called on `provider`, or undefined when it can (any name can on openai). */
export function modelProblem(provider: ModelProvider, model: string): string | undefined {
  return provider === 'bedrock' ? bedrockModelIdProblem(model) : undefined;
}

/**
 * The scenario with its traffic on `provider`: the profile and every phase that names no
 * provider of its own switch, their models replaced by a model of that provider where they are
 * not one (BEDROCK_COUNTERPARTS, else the provider's default); a phase with its own provider
 * keeps it, and the model it had.
 *
 * @example
 * runSimulation(withProvider(loadScenario('provider-outage'), 'bedrock')); // ThrottlingException, ... through the Bedrock classifier
 */
export function withProvider(scenario: Scenario, provider: ModelProvider): Scenario {
  const phases = scenario.phases.map((phase): Phase => {
    if (phase.provider !== undefined) return phase.model === undefined ? { ...phase, model: spanModel(scenario, phase) } : phase;
    return phase.model === undefined ? phase : { ...phase, model: modelOn(provider, phase.model) };
  });
  return { ...scenario, traffic: { ...scenario.traffic, provider, model: modelOn(provider, scenario.traffic.model) }, phases };
}

function modelOn(provider: ModelProvider, model: string): string {
  const isBedrockModel = modelProblem('bedrock', model) === undefined;
  if (provider === 'bedrock') return isBedrockModel ? model : (BEDROCK_COUNTERPARTS[model] ?? DEFAULT_BEDROCK_MODEL);
  if (!isBedrockModel) return model;
  return Object.keys(BEDROCK_COUNTERPARTS).find((openAI) => BEDROCK_COUNTERPARTS[openAI] === model) ?? DEFAULT_MODELS.openai;
}
