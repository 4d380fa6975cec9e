import { DEFAULT_BEDROCK_MODEL } from '../../functions/shared/llm/bedrock-model-id';
import { describeValue } from './describe-value';
import { lambdaFaultsAt } from './lambda-faults-validation';
import { isSimulatedErrorCategory, SIMULATED_ERROR_CATEGORIES } from './provider-errors';
import { isModelProvider, modelProblem, MODEL_PROVIDERS, type ModelProvider } from './scenario-provider';
import {
  MAX_DURATION_MINUTES,
  MAX_LATENCY_MS,
  MAX_LATENCY_MULTIPLIER,
  MAX_REQUESTS_PER_MINUTE,
  MAX_TOKENS_PER_REQUEST,
  ScenarioError,
  type LatencySpec,
  type Phase,
  type Scenario,
  type TrafficProfile,
} from './scenario';
import { warmupHoursProblems } from './warmup-hours';

type Fields = Record<string, unknown>;
interface Range {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly exclusiveMin?: boolean;
}

const SCENARIO_FIELDS = ['name', 'durationMinutes', 'requestsPerMinute', 'seed', 'traffic', 'phases', 'warmupHours'];
const TRAFFIC_FIELDS = ['provider', 'model', 'latencyMs', 'promptTokens', 'completionTokens', 'toolCallsPerRequest', 'quality'];
const LATENCY_FIELDS = ['median', 'p95'];
const PHASE_FIELDS = ['fromMinute', 'toMinute', 'errors', 'latencyMultiplier', 'quality', 'model', 'provider', 'requestsPerMinute', 'lambda', 'initFailure', 'metricsLost'];
const RATE: Range = { min: 0, max: MAX_REQUESTS_PER_MINUTE };
const QUALITY: Range = { min: 0, max: 1 };
/** Stands in for a part that could not be read, so the other parts are still checked. */
const UNREAD_TRAFFIC: TrafficProfile = { model: '', latencyMs: { median: 0, p95: 0 }, promptTokens: 0, completionTokens: 0, toolCallsPerRequest: 0, quality: 0 };
/** Sums of probabilities may exceed 1 by rounding only. */
const PROBABILITY_SLACK = 1e-9;

/**
 * Checks a parsed scenario file and returns it typed. Every problem is reported, each naming
 * its field path, e.g. `phases[1].errors.rate_limit must be a probability in [0, 1], got 1.5`.
 *
 * @throws ScenarioError listing every problem found.
 * @example
 * const scenario = parseScenario(JSON.parse(text)); // throws ScenarioError('… durationMinutes is required …')
 */
export function parseScenario(value: unknown): Scenario {
  const problems: string[] = [];
  const root = objectAt(value, 'the scenario', problems);
  if (!root) throw new ScenarioError(problems.join('\n'));
  unknownFields(root, SCENARIO_FIELDS, '', problems);
  const durationMinutes = numberAt(root, 'durationMinutes', '', { min: 1, max: MAX_DURATION_MINUTES, integer: true }, problems);
  const name = stringAt(root, 'name', '', problems);
  const requestsPerMinute = numberAt(root, 'requestsPerMinute', '', RATE, problems);
  const seed = numberAt(root, 'seed', '', { min: 0, max: 2 ** 32 - 1, integer: true }, problems);
  const traffic = trafficAt(root.traffic, problems);
  const phases = phasesAt(root.phases, durationMinutes, traffic.provider ?? 'openai', problems);
  const warmupHours = warmupHoursAt(root, requestsPerMinute, problems);
  const scenario: Scenario = { name, durationMinutes, requestsPerMinute, seed, traffic, phases, ...(warmupHours > 0 && { warmupHours }) };
  if (problems.length > 0) throw new ScenarioError(problems.join('\n'));
  return scenario;
}

function warmupHoursAt(root: Fields, requestsPerMinute: number, problems: string[]): number {
  if (root.warmupHours === undefined) return 0;
  const found = warmupHoursProblems(root.warmupHours, requestsPerMinute, 'warmupHours');
  problems.push(...found);
  return found.length > 0 ? 0 : (root.warmupHours as number);
}

function trafficAt(value: unknown, problems: string[]): TrafficProfile {
  const traffic = objectAt(value, 'traffic', problems);
  if (!traffic) return UNREAD_TRAFFIC;
  unknownFields(traffic, TRAFFIC_FIELDS, 'traffic.', problems);
  const provider = providerAt(traffic, 'traffic.', problems);
  return {
    ...(provider !== undefined && { provider }),
    model: provider === 'bedrock' && traffic.model === undefined ? DEFAULT_BEDROCK_MODEL : modelAt(traffic, 'traffic.', provider ?? 'openai', problems),
    latencyMs: latencyAt(traffic.latencyMs, problems),
    promptTokens: numberAt(traffic, 'promptTokens', 'traffic.', { min: 0, max: MAX_TOKENS_PER_REQUEST }, problems),
    completionTokens: numberAt(traffic, 'completionTokens', 'traffic.', { min: 1, max: MAX_TOKENS_PER_REQUEST }, problems),
    toolCallsPerRequest: numberAt(traffic, 'toolCallsPerRequest', 'traffic.', { min: 0, max: 10 }, problems),
    quality: numberAt(traffic, 'quality', 'traffic.', QUALITY, problems),
  };
}

function latencyAt(value: unknown, problems: string[]): LatencySpec {
  const latency = objectAt(value, 'traffic.latencyMs', problems);
  if (!latency) return UNREAD_TRAFFIC.latencyMs;
  unknownFields(latency, LATENCY_FIELDS, 'traffic.latencyMs.', problems);
  const range: Range = { min: 0, max: MAX_LATENCY_MS, exclusiveMin: true };
  const median = numberAt(latency, 'median', 'traffic.latencyMs.', range, problems);
  const p95 = numberAt(latency, 'p95', 'traffic.latencyMs.', range, problems);
  if (median > 0 && p95 > 0 && p95 < median) problems.push(`traffic.latencyMs.p95 must be at least traffic.latencyMs.median (${median}), got ${p95}`);
  return { median, p95 };
}

function phasesAt(value: unknown, durationMinutes: number, trafficProvider: ModelProvider, problems: string[]): Phase[] {
  if (value === undefined) {
    problems.push('phases is required (use [] for none)');
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`phases must be a list, got ${describeValue(value)}`);
    return [];
  }
  const phases = value.map((entry, index) => phaseAt(entry, `phases[${index}]`, durationMinutes, trafficProvider, problems));
  overlaps(phases, problems);
  return phases;
}

function phaseAt(value: unknown, path: string, durationMinutes: number, trafficProvider: ModelProvider, problems: string[]): Phase {
  const fields = objectAt(value, path, problems);
  if (!fields) return { fromMinute: 0, toMinute: 0 };
  const prefix = `${path}.`;
  unknownFields(fields, PHASE_FIELDS, prefix, problems);
  const fromMinute = numberAt(fields, 'fromMinute', prefix, { min: 0, max: MAX_DURATION_MINUTES, integer: true }, problems);
  const toMinute = numberAt(fields, 'toMinute', prefix, { min: 1, max: MAX_DURATION_MINUTES, integer: true }, problems);
  if (Number.isInteger(durationMinutes) && durationMinutes > 0 && toMinute > durationMinutes) {
    problems.push(`${prefix}toMinute must be at most durationMinutes (${durationMinutes}), got ${toMinute}`);
  }
  if (toMinute > 0 && toMinute <= fromMinute) problems.push(`${prefix}toMinute must be greater than ${prefix}fromMinute (${fromMinute}), got ${toMinute}`);
  const phase: { -readonly [K in keyof Phase]: Phase[K] } = { fromMinute, toMinute };
  if (fields.errors !== undefined) phase.errors = errorsAt(fields.errors, `${prefix}errors`, problems);
  if (fields.latencyMultiplier !== undefined) {
    phase.latencyMultiplier = numberAt(fields, 'latencyMultiplier', prefix, { min: 0, max: MAX_LATENCY_MULTIPLIER, exclusiveMin: true }, problems);
  }
  if (fields.quality !== undefined) phase.quality = numberAt(fields, 'quality', prefix, QUALITY, problems);
  const provider = providerAt(fields, prefix, problems);
  if (provider !== undefined) phase.provider = provider;
  if (fields.model !== undefined) phase.model = modelAt(fields, prefix, provider ?? trafficProvider, problems);
  if (fields.requestsPerMinute !== undefined) phase.requestsPerMinute = numberAt(fields, 'requestsPerMinute', prefix, RATE, problems);
  Object.assign(phase, lambdaFaultsAt(fields, prefix, problems));
  return phase;
}

function errorsAt(value: unknown, path: string, problems: string[]): Record<string, number> {
  const fields = objectAt(value, path, problems) ?? {};
  const errors: Record<string, number> = {};
  let sum = 0;
  for (const [category, probability] of Object.entries(fields)) {
    if (!isSimulatedErrorCategory(category)) {
      problems.push(`${path}.${category} is not an error category the simulator can produce; use one of ${Object.keys(SIMULATED_ERROR_CATEGORIES).join(', ')}`);
      continue;
    }
    if (typeof probability !== 'number' || !Number.isFinite(probability) || probability < 0 || probability > 1) {
      problems.push(`${path}.${category} must be a probability in [0, 1], got ${describeValue(probability)}`);
      continue;
    }
    errors[category] = probability;
    sum += probability;
  }
  if (sum > 1 + PROBABILITY_SLACK) problems.push(`${path} probabilities must sum to at most 1, got ${Number(sum.toPrecision(12))}`);
  return errors;
}

function overlaps(phases: readonly Phase[], problems: string[]): void {
  const indexed = phases.map((phase, index) => ({ phase, index })).filter(({ phase }) => phase.toMinute > phase.fromMinute);
  indexed.sort((a, b) => a.phase.fromMinute - b.phase.fromMinute || a.index - b.index);
  for (let i = 1; i < indexed.length; i++) {
    const previous = indexed[i - 1];
    const current = indexed[i];
    if (current.phase.fromMinute < previous.phase.toMinute) {
      const [first, second] = previous.index < current.index ? [previous, current] : [current, previous];
      problems.push(
        `phases[${second.index}] (minutes ${second.phase.fromMinute}-${second.phase.toMinute}) overlaps phases[${first.index}] (minutes ${first.phase.fromMinute}-${first.phase.toMinute})`,
      );
    }
  }
}

function providerAt(fields: Fields, prefix: string, problems: string[]): ModelProvider | undefined {
  const value = fields.provider;
  if (value === undefined || isModelProvider(value)) return value;
  problems.push(`${prefix}provider must be one of ${MODEL_PROVIDERS.join(', ')}, got ${describeValue(value)}`);
  return undefined;
}

/** A model name; with Bedrock a Bedrock model id, inference profile id or ARN. */
function modelAt(fields: Fields, prefix: string, provider: ModelProvider, problems: string[]): string {
  const model = stringAt(fields, 'model', prefix, problems);
  const problem = model === '' ? undefined : modelProblem(provider, model);
  if (problem) problems.push(`${prefix}model with provider ${provider}: ${problem}`);
  return model;
}

function objectAt(value: unknown, path: string, problems: string[]): Fields | undefined {
  if (value === undefined) {
    problems.push(`${path} is required`);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path} must be an object, got ${describeValue(value)}`);
    return undefined;
  }
  return value as Fields;
}

function unknownFields(fields: Fields, allowed: readonly string[], prefix: string, problems: string[]): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) problems.push(`${prefix}${key} is not a scenario field; allowed here: ${allowed.join(', ')}`);
  }
}

function stringAt(fields: Fields, key: string, prefix: string, problems: string[]): string {
  const value = fields[key];
  if (value === undefined) problems.push(`${prefix}${key} is required`);
  else if (typeof value !== 'string' || value.trim() === '') problems.push(`${prefix}${key} must be a non-empty string, got ${describeValue(value)}`);
  else return value;
  return '';
}

function numberAt(fields: Fields, key: string, prefix: string, range: Range, problems: string[]): number {
  const value = fields[key];
  if (value === undefined) {
    problems.push(`${prefix}${key} is required`);
    return 0;
  }
  const low = range.exclusiveMin ? (value as number) <= range.min : (value as number) < range.min;
  if (typeof value !== 'number' || !Number.isFinite(value) || low || value > range.max || (range.integer && !Number.isInteger(value))) {
    const kind = range.integer ? 'a whole number' : 'a number';
    problems.push(`${prefix}${key} must be ${kind} in ${range.exclusiveMin ? '(' : '['}${range.min}, ${range.max}], got ${describeValue(value)}`);
    return 0;
  }
  return value;
}
