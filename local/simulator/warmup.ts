/**
 * Warm drills (issue 12): `warmupHours` of the scenario's steady traffic before minute 0,
 * written into the run's metric store as per-minute aggregates (PutMetricData statistic sets,
 * and the request durations as values), the judge's metrics on its schedule through the real
 * publisher, and every warm-up minute evaluated, so that the long windows (6 h and 1 d burn
 * rates, hourly quality) and the alarm states start where a running service has them.
 */
import { CURRENT_RUBRIC } from '../../functions/judge/rubric';
import { DEFAULT_PRICE_TABLE, priceUsage } from '../../functions/shared/pricing/pricing';
import { AWS_LAMBDA_FUNCTION_DIMENSION, AWS_LAMBDA_METRICS, AWS_LAMBDA_NAMESPACE, resolveAlarmSettings } from '../../lib/catalog/alarms';
import { DIMENSIONS, METRICS, type MetricSpec } from '../../lib/catalog/metrics';
import { alarmSettingsFrom } from '../../lib/config/alarm-settings';
import type { PutMetricDatum } from '../metrics/put-metric-data';
import { SIMULATED_TOOL } from './plan-player';
import { Random } from './random';
import type { Scenario } from './scenario';
import type { SimulationWorld } from './simulation-world';
import { WarmTraffic, type Tally, type WarmMinute, type WarmSample } from './warmup-minute';

const MINUTE_MS = 60_000;
/**
 * Added to the scenario's seed for the warm-up's own generator: the warm-up draws from another
 * sequence than the run, so the run's requests are the same with and without a warm-up.
 */
const WARMUP_SEED_OFFSET = 0.5;
/**
 * The warm-up's last minutes are evaluated each minute, as the run is. An alarm's state follows
 * from the data of its evaluation range (and its previous state), which is all written by
 * then, so earlier minutes are evaluated every EARLY_EVALUATION_EVERY_MINUTES only: a third of
 * the evaluations for 24 hours, which are most of the warm-up's time.
 */
const EVERY_MINUTE_EVALUATED = 120;
const EARLY_EVALUATION_EVERY_MINUTES = 5;
/** A simulated question and answer, with the judge prompt's framing, in characters. */
const WARMUP_JUDGED_TEXT_CHARS = 500;
/** Completion tokens of one judge verdict (the virtual judge writes 60). */
const WARMUP_VERDICT_TOKENS = 60;

/** How the warm-up is driven (the run's own settings). */
export interface WarmupOptions {
  /** Epoch ms of the run's minute 0: the warm-up ends there. */
  readonly start: number;
  readonly sampleRate: number;
  readonly judgeEveryMinutes: number;
}

/** What the warm-up wrote. */
export interface WarmupSummary {
  readonly minutes: number;
  readonly requests: number;
  readonly judgeRuns: number;
  /** Alarm evaluations run: every 5 minutes, and every minute in the last 2 hours. */
  readonly evaluations: number;
}

type Dimensions = Readonly<Record<string, string>>;

/**
 * Writes `scenario.warmupHours` of steady traffic before `options.start` into the world's
 * metric store, minute by minute: what the wrapper writes (requests, durations, tokens, cost,
 * tool calls, captures; under `service` and `service, model`, tool calls also under `tool`),
 * what Lambda writes for the agent function (Invocations, Errors, Throttles, Duration,
 * ConcurrentExecutions), and on the judge's schedule the judge's run metrics (scores,
 * evaluations, failures, backlog, cost, drift 0) through its real publisher; and evaluates
 * the alarms at the end of each minute of the last 2 hours, as the run does (every 5 minutes
 * before), so that they start in OK and their notifications (none, on steady traffic) are not the drill's. Steady traffic has no errors (a
 * scenario's errors live in its phases). No handler, judge LLM or DynamoDB is involved: the
 * judge's drift baseline and the samples table start empty, as in a cold run.
 *
 * @example
 * await warmUp(world, scenario, { start, sampleRate: 0.1, judgeEveryMinutes: 5 }); // { minutes: 1440, requests: 28865, judgeRuns: 288, evaluations: 384 }
 */
export async function warmUp(world: SimulationWorld, scenario: Scenario, options: WarmupOptions): Promise<WarmupSummary> {
  const minutes = (scenario.warmupHours ?? 0) * 60;
  const traffic = new WarmTraffic(scenario, {
    random: new Random(scenario.seed + WARMUP_SEED_OFFSET),
    sampleRate: options.sampleRate,
    maxToolCalls: world.agentConfig.maxToolIterations - 1,
  });
  const writer = new WarmupWriter(world, traffic.model);
  let pending: WarmSample[] = [];
  let requests = 0;
  let judgeRuns = 0;
  let evaluations = 0;
  for (let minute = -minutes; minute < 0; minute++) {
    const tallied = traffic.minute(options.start + minute * MINUTE_MS);
    writer.write(tallied);
    requests += tallied.requests;
    pending = pending.concat(tallied.samples);
    const minuteEnd = tallied.start + MINUTE_MS;
    if ((minute + 1) % options.judgeEveryMinutes === 0) {
      await publishJudgeRun(world, pending, minuteEnd);
      pending = [];
      judgeRuns++;
    }
    if (minute >= -EVERY_MINUTE_EVALUATED || (minute + 1) % EARLY_EVALUATION_EVERY_MINUTES === 0) {
      world.evaluator.evaluate(minuteEnd);
      evaluations++;
    }
  }
  return { minutes, requests, judgeRuns, evaluations };
}

/** One judge run that scored every pending sample, published as the judge publishes it. */
async function publishJudgeRun(world: SimulationWorld, scores: readonly WarmSample[], at: number): Promise<void> {
  const costUsd = scores.length * judgeCostPerEvaluationUsd(world.judge.version.model);
  await world.judge.metrics.publish({ at, scores, evaluations: scores.length, failures: 0, backlog: 0, oldestPendingAgeSeconds: 0, costUsd, drift: 0 });
}

/**
 * An estimate of one evaluation's cost (the warm-up runs no judge LLM): the rubric and a
 * simulated question and answer as prompt (about 4 characters a token, as the judge estimates),
 * and a verdict of WARMUP_VERDICT_TOKENS.
 */
function judgeCostPerEvaluationUsd(model: string): number {
  const promptTokens = Math.ceil((CURRENT_RUBRIC.text.length + WARMUP_JUDGED_TEXT_CHARS) / 4);
  return priceUsage(model, { promptTokens, completionTokens: WARMUP_VERDICT_TOKENS }, DEFAULT_PRICE_TABLE).costUsd ?? 0;
}

/** Turns tallied minutes into PutMetricData calls on the run's store, with the catalog's names and dimensions. */
class WarmupWriter {
  readonly #world: SimulationWorld;
  readonly #agentSets: readonly Dimensions[];
  readonly #toolSet: Dimensions;
  readonly #function: Dimensions;

  constructor(world: SimulationWorld, model: string) {
    this.#world = world;
    const service = { [DIMENSIONS.service]: world.monitoring.serviceName };
    this.#agentSets = [service, { ...service, [DIMENSIONS.model]: model }];
    this.#toolSet = { ...service, [DIMENSIONS.tool]: SIMULATED_TOOL };
    this.#function = { [AWS_LAMBDA_FUNCTION_DIMENSION]: resolveAlarmSettings(alarmSettingsFrom(world.monitoring)).agentFunctionName };
  }

  write(minute: WarmMinute): void {
    if (minute.requests === 0) return;
    const { store, monitoring } = this.#world;
    const at = minute.start;
    const agent: PutMetricDatum[] = [];
    const counted = ones(minute.requests);
    for (const dimensions of this.#agentSets) {
      agent.push(
        ...sets(at, dimensions, [
          [METRICS.requests, counted],
          [METRICS.tokensPrompt, minute.promptTokens],
          [METRICS.tokensCompletion, minute.completionTokens],
          [METRICS.tokensTotal, minute.totalTokens],
          [METRICS.costUsd, minute.costUsd],
          [METRICS.costUnpriced, minute.unpriced],
          [METRICS.toolCalls, minute.toolCalls],
          [METRICS.captureSampled, minute.sampled],
        ]),
        { ...datum(METRICS.duration, at, dimensions), Values: minute.durationsSeconds },
      );
    }
    agent.push(...sets(at, this.#toolSet, [[METRICS.toolCalls, minute.toolCalls]]));
    store.putMetricData(monitoring.metricNamespace, agent);
    const zeros = { count: minute.requests, sum: 0, min: 0, max: 0 };
    store.putMetricData(AWS_LAMBDA_NAMESPACE, [
      ...sets(at, this.#function, [
        [AWS_LAMBDA_METRICS.invocations, counted],
        [AWS_LAMBDA_METRICS.errors, zeros],
        [AWS_LAMBDA_METRICS.throttles, zeros],
        [AWS_LAMBDA_METRICS.duration, minute.lambdaDurationMs],
        [AWS_LAMBDA_METRICS.concurrentExecutions, minute.concurrency],
      ]),
      ...sets(at, {}, [[AWS_LAMBDA_METRICS.concurrentExecutions, minute.concurrency]]),
    ]);
  }
}

type SetLike = Pick<Tally, 'count' | 'sum' | 'min' | 'max'>;

/** A datum per metric with something to say (a tally with no value writes nothing, as the wrapper skips a 0). */
function sets(at: number, dimensions: Dimensions, entries: readonly (readonly [MetricSpec, SetLike])[]): PutMetricDatum[] {
  return entries
    .filter(([, set]) => set.count > 0)
    .map(([spec, set]) => ({ ...datum(spec, at, dimensions), StatisticValues: { SampleCount: set.count, Sum: set.sum, Minimum: set.min, Maximum: set.max } }));
}

function datum(spec: MetricSpec, at: number, dimensions: Dimensions): PutMetricDatum {
  return { MetricName: spec.name, Unit: spec.unit, Timestamp: at, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) };
}

/** `count` datapoints of value 1: a request count, as each request writes 1. */
function ones(count: number): SetLike {
  return { count, sum: count, min: 1, max: 1 };
}
