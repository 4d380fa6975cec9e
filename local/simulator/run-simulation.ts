import type { Context } from 'aws-lambda';
import { runJudge } from '../../functions/judge/judge-run';
import type { DynamoWork } from '../dynamo/in-process-dynalite';
import { alarmsFrom, notificationsFrom, summarize, type SimulationResult, type SummaryRange } from './result';
import type { Scenario } from './scenario';
import { checkScenarioSize } from './scenario-size';
import { DEFAULT_SIMULATION_SAMPLE_RATE, startSimulationWorld, type SimulationWorld } from './simulation-world';
import { TrafficModel } from './traffic';
import { warmUp } from './warmup';

const MINUTE_MS = 60_000;
/** The judge's EventBridge schedule as the stack deploys it by default: rate(5 minutes). */
export const DEFAULT_JUDGE_EVERY_MINUTES = 5;
/** An event the agent refuses with `invalid_input`. */
const INVALID_EVENT = Object.freeze({ question: '' });
const USERS = 50;

/** How a run is driven. */
export interface SimulationOptions {
  /** SAMPLE_RATE of the simulated agent. @default 0.1 (DEFAULT_SIMULATION_SAMPLE_RATE) */
  readonly sampleRate?: number;
  /** Virtual minutes between judge runs. @default 5 */
  readonly judgeEveryMinutes?: number;
  /** The real time the run ends at; the virtual clock starts `durationMinutes` before it, on a whole minute. @default Date.now() */
  readonly endAt?: number;
  /** Refuse a scenario that would send more requests than this. @default 2,000,000 (DEFAULT_MAX_SIMULATED_REQUESTS) */
  readonly maxRequests?: number;
  /** Called after each virtual minute, e.g. to move a progress bar. */
  readonly onMinute?: (minute: number, totalMinutes: number) => void;
}

/** What the run saw besides the result: the replies by outcome and the judge's work. */
export interface SimulationDetails {
  /** Requests by the category of their failure reply; `ok` for successes. */
  readonly replies: Readonly<Record<string, number>>;
  readonly judgeRuns: number;
  readonly judgedSamples: number;
  readonly judgeFailures: number;
  /** Distinct errors of judge runs' drift checks and PutMetricData (none in a healthy run). */
  readonly judgeErrors: readonly string[];
  /** Epoch ms of the run's first virtual minute. */
  readonly start: number;
  /** The run's DynamoDB requests (sample captures, claims, scores, drift state) and their real time. */
  readonly dynamo: DynamoWork;
}

/** A finished run. */
export interface SimulationReport {
  readonly result: SimulationResult;
  readonly details: SimulationDetails;
  /** The run's metric store and the range it covers: what the summary was read from, and the HTML report's per-minute series. */
  readonly metrics: SummaryRange;
}

/**
 * Replays a scenario in virtual time through the real agent handler and judge, and evaluates
 * the catalog's alarms once per virtual minute. Each minute: its requests, one after another
 * (each sets the clock to its start; the virtual provider advances it by its latency), then
 * the judge on its schedule, then `evaluate(end of minute)`. Nothing waits on real time. A
 * scenario with `warmupHours` first gets that much steady history before minute 0 (warmup.ts).
 *
 * @example
 * const { result } = await runSimulation(loadScenario('provider-outage'));
 * result.alarms.find((alarm) => alarm.name === 'agent-provider-outage-critical')?.firstAlarmMinute;
 */
export async function runSimulation(scenario: Scenario, options: SimulationOptions = {}): Promise<SimulationReport> {
  checkScenarioSize(scenario, options.maxRequests);
  const start = Math.floor(((options.endAt ?? Date.now()) - scenario.durationMinutes * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const world = await startSimulationWorld(scenario, { start, sampleRate: options.sampleRate ?? DEFAULT_SIMULATION_SAMPLE_RATE });
  try {
    return await replay(world, scenario, start, options);
  } finally {
    await world.stop();
  }
}

async function replay(world: SimulationWorld, scenario: Scenario, start: number, options: SimulationOptions): Promise<SimulationReport> {
  const { clock, plan, lambda, agentConfig } = world;
  const traffic = new TrafficModel(scenario, { maxToolCalls: agentConfig.maxToolIterations - 1, deadlineMs: agentConfig.deadlineMs, llmTimeoutMs: agentConfig.llmTimeoutMs });
  const judgeEvery = options.judgeEveryMinutes ?? DEFAULT_JUDGE_EVERY_MINUTES;
  const context = { awsRequestId: '', functionName: world.monitoring.serviceName } as Context;
  const replies: Record<string, number> = {};
  const judgeWork = { runs: 0, scored: 0, failures: 0, errors: new Set<string>() };
  await warmUp(world, scenario, { start, sampleRate: options.sampleRate ?? DEFAULT_SIMULATION_SAMPLE_RATE, judgeEveryMinutes: judgeEvery });
  let latest = start;
  for (let minute = 0; minute < scenario.durationMinutes; minute++) {
    const minuteStart = start + minute * MINUTE_MS;
    const segment = traffic.segmentAt(minute);
    const count = traffic.requestCount(segment);
    for (let i = 0; i < count; i++) {
      traffic.draw(plan, segment, minuteStart, i, count);
      clock.set(plan.startMs);
      context.awsRequestId = `sim-${scenario.seed}-${plan.index}`;
      const outcome = await lambda.invoke(plan, plan.error === 'invalid_input' ? INVALID_EVENT : requestEvent(plan.index, plan.operands), context);
      replies[outcome] = (replies[outcome] ?? 0) + 1;
      if (clock.now() > latest) latest = clock.now();
    }
    const minuteEnd = minuteStart + MINUTE_MS;
    if ((minute + 1) % judgeEvery === 0) {
      clock.set(minuteEnd);
      const run = await runJudge(world.judge);
      judgeWork.runs++;
      judgeWork.scored += run.scored;
      judgeWork.failures += run.failures;
      for (const error of run.errors) judgeWork.errors.add(error);
    }
    world.evaluator.evaluate(minuteEnd);
    options.onMinute?.(minute + 1, scenario.durationMinutes);
  }
  const metrics: SummaryRange = { store: world.store, namespace: world.monitoring.metricNamespace, service: world.monitoring.serviceName, start, latest };
  const summary = summarize(metrics);
  return {
    result: {
      scenario: scenario.name,
      summary,
      // The warm-up's evaluations end at `start`: its transitions and notifications are not the drill's.
      alarms: alarmsFrom(world.evaluator.history().filter((transition) => transition.time > start), start),
      notifications: notificationsFrom(world.evaluator.notifications().filter((notification) => notification.time > start), start),
    },
    details: { replies, judgeRuns: judgeWork.runs, judgedSamples: judgeWork.scored, judgeFailures: judgeWork.failures, judgeErrors: [...judgeWork.errors], start, dynamo: world.dynamoWork() },
    metrics,
  };
}

function requestEvent(index: number, [a, b, c]: readonly number[]) {
  return { question: `What is (${a} + 0) * ${b} - ${c}?`, userId: `user-${index % USERS}`, feature: 'simulator' };
}
