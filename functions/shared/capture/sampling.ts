import { createHash } from 'node:crypto';

/** Capture rate used when SAMPLE_RATE is not set (DESIGN.md). */
export const DEFAULT_SAMPLE_RATE = 0.05;

const HASH_RANGE = 2 ** 32;
const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Whether a request's response is kept for judging. Deterministic: the same request id
 * always gets the same answer (the first 32 bits of its sha256, as a fraction of 2^32, < rate),
 * so a retried request is sampled the same way by every Lambda instance.
 *
 * @example
 * if (shouldSample(requestId, parseSampleRate(process.env.SAMPLE_RATE))) await store.putPending(sample);
 */
export function shouldSample(requestId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  const digest = createHash('sha256').update(requestId).digest('hex');
  return Number.parseInt(digest.slice(0, 8), 16) / HASH_RANGE < rate;
}

/**
 * Reads a SAMPLE_RATE value: unset or blank gives `defaultRate`.
 * @throws Error naming SAMPLE_RATE and the value when it is not a number in (0, 1].
 */
export function parseSampleRate(raw: string | undefined, defaultRate = DEFAULT_SAMPLE_RATE): number {
  if (raw === undefined || raw.trim() === '') return defaultRate;
  const rate = DECIMAL.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(rate > 0 && rate <= 1)) {
    throw new Error(`SAMPLE_RATE must be a number in (0, 1] (e.g. 0.05), got "${raw}"`);
  }
  return rate;
}
