import { logNormalSigma, Random } from './random';
import { MAX_LATENCY_MS, type Phase, type Scenario } from './scenario';
import { spanModel, spanProvider, type ModelProvider } from './scenario-provider';

/** Relative spread (coefficient of variation) of a request's tokens around the profile's means. */
export const TOKEN_SPREAD = 0.2;
/** Standard deviation of one answer's quality around its phase's quality. */
export const QUALITY_SPREAD = 0.05;
/**
 * A request meant to end in `agent_timeout` makes model calls each this share of the agent's
 * deadline (and under LLM_TIMEOUT_MS), as many as it takes to pass the deadline: slow steps
 * of a tool loop, each too short for the provider timeout.
 */
export const AGENT_TIMEOUT_CALL_SHARE = 0.75;
const UNDER_LLM_TIMEOUT = 0.9;
const MINUTE_MS = 60_000;

/** The traffic of a span of minutes: the profile with one phase's overrides applied. */
export interface TrafficSegment {
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly requestsPerMinute: number;
  /** The provider the agent calls in this span. */
  readonly provider: ModelProvider;
  readonly model: string;
  readonly latencyMedianMs: number;
  readonly latencySigma: number;
  readonly quality: number;
  /** Error categories with their cumulative probabilities, for one uniform draw. */
  readonly errors: readonly (readonly [category: string, cumulative: number])[];
  /** Lambda fates other than `run`, with their cumulative probabilities (phase `lambda`). */
  readonly lambdaFaults: readonly (readonly [fate: LambdaFate, cumulative: number])[];
  /** Every invocation fails at initialization (phase `initFailure`). */
  readonly initFailure: boolean;
  /** The share of invocations whose EMF is lost (phase `metricsLost`). */
  readonly metricsLost: number;
}

/**
 * What Lambda does with a request: run the handler, or throttle it (the handler never runs),
 * fail its initialization (no handler code runs), crash after the handler started, or time
 * out; the last three count a Lambda error and write no agent metric.
 */
export type LambdaFate = 'run' | 'throttle' | 'init_failure' | 'crash' | 'timeout';

/**
 * One request of the run, drawn before it is sent. A single instance is reused for every
 * request (requests run one at a time), so the loop allocates nothing per request for it.
 */
export class RequestPlan {
  index = 0;
  startMs = 0;
  /** Latency of the whole request, split evenly over its model calls. */
  latencyMs = 0;
  promptTokens = 0;
  completionTokens = 0;
  toolCalls = 0;
  /** The error category this request ends in, or undefined for a success. */
  error: string | undefined = undefined;
  /** The quality the answer is written with, which the virtual judge reads back. */
  quality = 0;
  lambda: LambdaFate = 'run';
  /** The invocation runs normally but its EMF never reaches CloudWatch. */
  metricsLost = false;
  /** The provider the request's agent calls (its span's). */
  provider: ModelProvider = 'openai';
  model = '';
  operands: [number, number, number] = [0, 0, 0];
}

/**
 * Turns a scenario into requests: per minute a Poisson count of requests spread over the
 * minute, each with a log-normal latency (from the median and p95), tokens around the means,
 * a Poisson number of tool calls, an outcome drawn from the phase's error probabilities and
 * an answer quality around the phase's. Every draw comes from one seeded generator, in a
 * fixed order, so a scenario and seed always give the same requests.
 *
 * @example
 * const traffic = new TrafficModel(scenario, { maxToolCalls: 4, deadlineMs: 25_000, llmTimeoutMs: 20_000 });
 * const segment = traffic.segmentAt(minute);
 * const count = traffic.requestCount(segment);
 * for (let i = 0; i < count; i++) traffic.draw(plan, segment, minuteStart, i, count);
 */
export class TrafficModel {
  readonly #random: Random;
  readonly #segments: TrafficSegment[];
  readonly #scenario: Scenario;
  readonly #maxToolCalls: number;
  readonly #deadlineMs: number;
  readonly #slowCallMs: number;
  #cursor = 0;
  #nextIndex = 0;

  constructor(scenario: Scenario, options: { readonly maxToolCalls: number; readonly deadlineMs: number; readonly llmTimeoutMs: number }) {
    this.#scenario = scenario;
    this.#random = new Random(scenario.seed);
    this.#segments = trafficSegments(scenario);
    this.#maxToolCalls = options.maxToolCalls;
    this.#deadlineMs = options.deadlineMs;
    this.#slowCallMs = Math.min(UNDER_LLM_TIMEOUT * options.llmTimeoutMs, AGENT_TIMEOUT_CALL_SHARE * options.deadlineMs);
  }

  /** The traffic of `minute`; call with increasing minutes. */
  segmentAt(minute: number): TrafficSegment {
    if (minute < this.#segments[this.#cursor].fromMinute) this.#cursor = 0;
    while (minute >= this.#segments[this.#cursor].toMinute && this.#cursor < this.#segments.length - 1) this.#cursor++;
    return this.#segments[this.#cursor];
  }

  /** How many requests arrive in a minute of this segment. */
  requestCount(segment: TrafficSegment): number {
    return this.#random.poisson(segment.requestsPerMinute);
  }

  /** Draws request `i` of the `count` arriving in the minute starting at `minuteStart` into `plan`. */
  draw(plan: RequestPlan, segment: TrafficSegment, minuteStart: number, i: number, count: number): void {
    const random = this.#random;
    const traffic = this.#scenario.traffic;
    plan.index = this.#nextIndex++;
    plan.startMs = minuteStart + Math.floor(((i + random.next()) / count) * MINUTE_MS);
    plan.error = drawCumulative(segment.errors, random.next(), undefined);
    plan.latencyMs = Math.min(MAX_LATENCY_MS, random.logNormal(segment.latencyMedianMs, segment.latencySigma));
    plan.promptTokens = spreadTokens(traffic.promptTokens, random.normal(), 0);
    plan.completionTokens = spreadTokens(traffic.completionTokens, random.normal(), 1);
    plan.toolCalls = Math.min(this.#maxToolCalls, random.poisson(traffic.toolCallsPerRequest));
    if (plan.error === 'agent_timeout') this.#slowerThanDeadline(plan);
    plan.quality = clamp01(segment.quality + QUALITY_SPREAD * random.normal());
    plan.provider = segment.provider;
    plan.model = segment.model;
    plan.operands[0] = random.int(2, 999);
    plan.operands[1] = random.int(2, 99);
    plan.operands[2] = random.int(1, 9999);
    // Drawn last, and only in a phase that has them, so scenarios without them draw as before.
    plan.lambda = segment.initFailure ? 'init_failure' : segment.lambdaFaults.length > 0 ? drawCumulative(segment.lambdaFaults, random.next(), 'run' as const) : 'run';
    plan.metricsLost = segment.metricsLost > 0 && random.next() < segment.metricsLost;
  }

  #slowerThanDeadline(plan: RequestPlan): void {
    const calls = Math.min(this.#maxToolCalls + 1, Math.floor(this.#deadlineMs / this.#slowCallMs) + 1);
    plan.toolCalls = Math.max(plan.toolCalls, calls - 1);
    plan.latencyMs = this.#slowCallMs * (plan.toolCalls + 1);
  }
}

/** The scenario's minutes as consecutive segments: the phases, and the profile between them. */
export function trafficSegments(scenario: Scenario): TrafficSegment[] {
  const phases = [...scenario.phases].sort((a, b) => a.fromMinute - b.fromMinute);
  const segments: TrafficSegment[] = [];
  let minute = 0;
  for (const phase of phases) {
    if (phase.fromMinute > minute) segments.push(segmentOf(scenario, undefined, minute, phase.fromMinute));
    segments.push(segmentOf(scenario, phase, phase.fromMinute, phase.toMinute));
    minute = phase.toMinute;
  }
  if (minute < scenario.durationMinutes || segments.length === 0) segments.push(segmentOf(scenario, undefined, minute, Math.max(minute + 1, scenario.durationMinutes)));
  return segments;
}

function segmentOf(scenario: Scenario, phase: Phase | undefined, fromMinute: number, toMinute: number): TrafficSegment {
  const { traffic } = scenario;
  let cumulative = 0;
  const errors = Object.entries(phase?.errors ?? {})
    .filter(([, probability]) => probability > 0)
    .map(([category, probability]) => [category, (cumulative += probability)] as const);
  return {
    fromMinute,
    toMinute,
    requestsPerMinute: phase?.requestsPerMinute ?? scenario.requestsPerMinute,
    provider: spanProvider(scenario, phase),
    model: spanModel(scenario, phase),
    latencyMedianMs: traffic.latencyMs.median * (phase?.latencyMultiplier ?? 1),
    latencySigma: logNormalSigma(traffic.latencyMs.median, traffic.latencyMs.p95),
    quality: phase?.quality ?? traffic.quality,
    errors,
    lambdaFaults: lambdaFaultsOf(phase),
    initFailure: phase?.initFailure ?? false,
    metricsLost: phase?.metricsLost ?? 0,
  };
}

function lambdaFaultsOf(phase: Phase | undefined): TrafficSegment['lambdaFaults'] {
  const shares: [LambdaFate, number | undefined][] = [
    ['throttle', phase?.lambda?.throttles],
    ['crash', phase?.lambda?.crashes],
    ['timeout', phase?.lambda?.timeouts],
  ];
  let cumulative = 0;
  return shares.filter((entry): entry is [LambdaFate, number] => (entry[1] ?? 0) > 0).map(([fate, share]) => [fate, (cumulative += share)] as const);
}



/** The first entry whose cumulative probability is above the uniform draw `u`, else `otherwise`. */
function drawCumulative<T, U>(entries: readonly (readonly [T, number])[], u: number, otherwise: U): T | U {
  for (const [value, cumulative] of entries) if (u < cumulative) return value;
  return otherwise;
}

function spreadTokens(mean: number, z: number, minimum: number): number {
  return Math.max(minimum, Math.round(mean * (1 + TOKEN_SPREAD * z)));
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
