/** Standard normal quantile of 0.95: a log-normal's p95 is median × e^(Z95 × sigma). */
export const Z95 = 1.6448536269514722;

const UINT32 = 2 ** 32;
const WARM_UP_ROUNDS = 12;
/** Above this mean a Poisson draw uses the normal approximation (Knuth's method is O(mean)). */
const POISSON_EXACT_LIMIT = 30;

/**
 * A small seeded pseudo-random generator (sfc32, Chris Doty-Humphrey's Small Fast Counting
 * generator): the same seed gives the same sequence on every machine and Node version, which
 * makes a simulation reproducible. Not for cryptography.
 *
 * @example
 * const random = new Random(42);
 * random.next();                 // the same value in [0, 1) for seed 42, on every run
 * random.logNormal(1200, 0.56);  // a latency around a median of 1200 ms
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d = 1;
  #spareNormal: number | undefined;

  /** @param seed - any finite number; its integer part (mod 2^32) and a mix of its fraction seed the state. */
  constructor(seed: number) {
    const whole = Math.floor(seed) >>> 0;
    const fraction = Math.floor((seed - Math.floor(seed)) * UINT32) >>> 0;
    this.#a = 0x9e3779b9 ^ fraction;
    this.#b = 0x243f6a88;
    this.#c = whole;
    for (let round = 0; round < WARM_UP_ROUNDS; round++) this.nextUint32();
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / UINT32;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.#spareNormal !== undefined) {
      const spare = this.#spareNormal;
      this.#spareNormal = undefined;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * factor;
    return u * factor;
  }

  /** Log-normal with the given median and sigma (the standard deviation of its logarithm). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A Poisson count with the given mean (exact up to a mean of 30, normal approximation above). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > POISSON_EXACT_LIMIT) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }
}

/** The sigma of a log-normal whose median and p95 are given (p95 ≥ median). */
export function logNormalSigma(median: number, p95: number): number {
  return p95 > median ? Math.log(p95 / median) / Z95 : 0;
}
