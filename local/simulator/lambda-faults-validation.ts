/** Checks the phase keys that break the agent outside the wrapper: `lambda`, `initFailure`, `metricsLost`. */
import { describeValue } from './describe-value';
import type { LambdaFaults, Phase } from './scenario';

const LAMBDA_FIELDS = ['crashes', 'throttles', 'timeouts'] as const;
/** Sums of probabilities may exceed 1 by rounding only. */
const PROBABILITY_SLACK = 1e-9;

type LambdaPhaseFields = Pick<Phase, 'lambda' | 'initFailure' | 'metricsLost'>;

/**
 * The Lambda faults of one phase's raw fields (only those present), each problem naming its
 * path, e.g. `phases[0].lambda.crashes must be a probability in [0, 1], got 2`.
 */
export function lambdaFaultsAt(fields: Record<string, unknown>, prefix: string, problems: string[]): LambdaPhaseFields {
  const result: { -readonly [K in keyof LambdaPhaseFields]: LambdaPhaseFields[K] } = {};
  if (fields.lambda !== undefined) result.lambda = lambdaAt(fields.lambda, `${prefix}lambda`, problems);
  if (fields.initFailure !== undefined) {
    if (typeof fields.initFailure !== 'boolean') problems.push(`${prefix}initFailure must be true or false, got ${describeValue(fields.initFailure)}`);
    else result.initFailure = fields.initFailure;
  }
  if (fields.metricsLost !== undefined) {
    const value = probability(fields.metricsLost);
    if (value === undefined) problems.push(`${prefix}metricsLost must be a probability in [0, 1], got ${describeValue(fields.metricsLost)}`);
    else result.metricsLost = value;
  }
  return result;
}

function lambdaAt(value: unknown, path: string, problems: string[]): LambdaFaults {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path} must be an object such as {"crashes": 0.1, "throttles": 0.2, "timeouts": 0.05}, got ${describeValue(value)}`);
    return {};
  }
  const faults: { -readonly [K in keyof LambdaFaults]: number } = {};
  let sum = 0;
  for (const [key, raw] of Object.entries(value)) {
    if (!(LAMBDA_FIELDS as readonly string[]).includes(key)) {
      problems.push(`${path}.${key} is not a scenario field; allowed here: ${LAMBDA_FIELDS.join(', ')}`);
      continue;
    }
    const share = probability(raw);
    if (share === undefined) {
      problems.push(`${path}.${key} must be a probability in [0, 1], got ${describeValue(raw)}`);
      continue;
    }
    faults[key as keyof LambdaFaults] = share;
    sum += share;
  }
  if (sum > 1 + PROBABILITY_SLACK) problems.push(`${path} probabilities must sum to at most 1, got ${Number(sum.toPrecision(12))}`);
  return faults;
}

function probability(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}
