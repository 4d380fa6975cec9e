/**
 * The steady traffic of one warm-up minute, drawn request by request (cheap: no handler runs)
 * and tallied into what the wrapper, Lambda and the capture would have written for that
 * minute: statistic sets for counts, tokens, cost and tool calls, and every request duration
 * (the latency alarms take percentiles of them).
 */
import { DEFAULT_PRICE_TABLE, priceUsage, roundUsd } from '../../functions/shared/pricing/pricing';
import type { StatisticSet } from '../metrics/series-buffer';
import { logNormalSigma, type Random } from './random';
import { MAX_LATENCY_MS, type Scenario } from './scenario';
import { spanModel } from './scenario-provider';
import { QUALITY_SPREAD, TOKEN_SPREAD } from './traffic';

const MINUTE_MS = 60_000;

/** A statistic set being summed up; `toSet()` is undefined while nothing was added. */
export class Tally {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Adds `value` only when it is not 0, as the wrapper writes its optional metrics. */
  addNonZero(value: number): void {
    if (value !== 0) this.add(value);
  }

  toSet(): StatisticSet | undefined {
    return this.count === 0 ? undefined : { count: this.count, sum: this.sum, min: this.min, max: this.max };
  }
}

/** A sampled response the judge will score: its quality as the marker writes it, and when it was stored. */
export interface WarmSample {
  readonly value: number;
  readonly createdAt: number;
}

/** One warm-up minute, tallied. */
export interface WarmMinute {
  readonly start: number;
  readonly requests: number;
  /** `agent.request.duration_seconds` of each request, as the wrapper rounds it. */
  readonly durationsSeconds: number[];
  readonly promptTokens: Tally;
  readonly completionTokens: Tally;
  readonly totalTokens: Tally;
  readonly costUsd: Tally;
  /** Model calls whose model has no price entry (`agent.cost.unpriced`, per request). */
  readonly unpriced: Tally;
  readonly toolCalls: Tally;
  readonly sampled: Tally;
  /** AWS/Lambda Duration in milliseconds. */
  readonly lambdaDurationMs: Tally;
  /** AWS/Lambda ConcurrentExecutions at each invocation's start. */
  readonly concurrency: Tally;
  readonly samples: WarmSample[];
}

/** What the draws need besides the scenario. */
export interface WarmTrafficOptions {
  readonly random: Random;
  readonly sampleRate: number;
  /** AGENT_MAX_TOOL_ITERATIONS − 1, as the run's traffic model caps tool calls. */
  readonly maxToolCalls: number;
}

/**
 * Draws the minutes of a scenario's steady traffic (its profile without any phase): per minute
 * a Poisson count of requests spread over the minute, each with a log-normal latency, tokens
 * around the means, a Poisson number of tool calls, and an answer quality; a share
 * `sampleRate` of them is captured for the judge. Keeps the invocations in flight across
 * minutes for ConcurrentExecutions, as the Lambda metrics recorder does.
 *
 * @example
 * const traffic = new WarmTraffic(scenario, { random: new Random(7), sampleRate: 0.1, maxToolCalls: 4 });
 * const minute = traffic.minute(start - 60_000); // minute.requests ≈ scenario.requestsPerMinute
 */
export class WarmTraffic {
  readonly #scenario: Scenario;
  readonly #options: WarmTrafficOptions;
  readonly #model: string;
  readonly #sigma: number;
  #inFlightEnds: number[] = [];

  constructor(scenario: Scenario, options: WarmTrafficOptions) {
    this.#scenario = scenario;
    this.#options = options;
    this.#model = spanModel(scenario, undefined);
    this.#sigma = logNormalSigma(scenario.traffic.latencyMs.median, scenario.traffic.latencyMs.p95);
  }

  /** The model of the steady traffic: the `model` dimension of the agent's metrics. */
  get model(): string {
    return this.#model;
  }

  /** Draws and tallies the minute starting at `start` (epoch ms); call with increasing minutes. */
  minute(start: number): WarmMinute {
    const { random, sampleRate, maxToolCalls } = this.#options;
    const traffic = this.#scenario.traffic;
    const requests = random.poisson(this.#scenario.requestsPerMinute);
    const minute = emptyMinute(start, requests);
    for (let i = 0; i < requests; i++) {
      const startMs = start + Math.floor(((i + random.next()) / requests) * MINUTE_MS);
      const latencyMs = Math.min(MAX_LATENCY_MS, random.logNormal(traffic.latencyMs.median, this.#sigma));
      const promptTokens = spreadTokens(traffic.promptTokens, random.normal(), 0);
      const completionTokens = spreadTokens(traffic.completionTokens, random.normal(), 1);
      const toolCalls = Math.min(maxToolCalls, random.poisson(traffic.toolCallsPerRequest));
      const quality = Number(clamp01(traffic.quality + QUALITY_SPREAD * random.normal()).toFixed(3));
      const sampled = random.chance(sampleRate);
      this.#tallyRequest(minute, { startMs, latencyMs, promptTokens, completionTokens, toolCalls });
      if (sampled) minute.samples.push({ value: quality, createdAt: startMs + latencyMs });
      minute.sampled.addNonZero(sampled ? 1 : 0);
    }
    return minute;
  }

  #tallyRequest(minute: WarmMinute, request: { startMs: number; latencyMs: number; promptTokens: number; completionTokens: number; toolCalls: number }): void {
    const { startMs, latencyMs, promptTokens, completionTokens, toolCalls } = request;
    minute.durationsSeconds.push(Math.round(latencyMs * 1000) / 1e6);
    minute.promptTokens.addNonZero(promptTokens);
    minute.completionTokens.addNonZero(completionTokens);
    minute.totalTokens.addNonZero(promptTokens + completionTokens);
    const cost = priceUsage(this.#model, { promptTokens, completionTokens }, DEFAULT_PRICE_TABLE);
    if (cost.priced) minute.costUsd.addNonZero(roundUsd(cost.costUsd));
    else minute.unpriced.add(toolCalls + 1);
    minute.toolCalls.addNonZero(toolCalls);
    minute.lambdaDurationMs.add(latencyMs);
    this.#inFlightEnds = this.#inFlightEnds.filter((end) => end > startMs);
    this.#inFlightEnds.push(startMs + latencyMs);
    minute.concurrency.add(this.#inFlightEnds.length);
  }
}

function emptyMinute(start: number, requests: number): WarmMinute {
  const tally = () => new Tally();
  return {
    start,
    requests,
    durationsSeconds: [],
    promptTokens: tally(),
    completionTokens: tally(),
    totalTokens: tally(),
    costUsd: tally(),
    unpriced: tally(),
    toolCalls: tally(),
    sampled: tally(),
    lambdaDurationMs: tally(),
    concurrency: tally(),
    samples: [],
  };
}

function spreadTokens(mean: number, z: number, minimum: number): number {
  return Math.max(minimum, Math.round(mean * (1 + TOKEN_SPREAD * z)));
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
