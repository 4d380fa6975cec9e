import type { Context } from 'aws-lambda';
import type { AgentHandler } from '../../functions/agent/create-handler';
import type { AgentReply } from '../../functions/agent/reply';
import type { LambdaMetricsRecorder } from '../lambda/lambda-metrics-recorder';
import type { LambdaFate, RequestPlan } from './traffic';
import type { VirtualClock } from './virtual-clock';

/** How long a failed initialization takes before Lambda gives up on the invocation. */
export const INIT_FAILURE_MS = 400;
/** A crash happens part way through the request's latency. */
export const CRASH_AT_SHARE = 0.5;

/** The outcome of each fate that never reaches the handler's reply, as the run counts it. */
export const LAMBDA_OUTCOMES: Readonly<Record<Exclude<LambdaFate, 'run'>, string>> = {
  throttle: 'lambda_throttled',
  init_failure: 'lambda_init_failure',
  crash: 'lambda_crash',
  timeout: 'lambda_timeout',
};

/** Turns the wrapper's EMF off for one invocation: its lines never reach the metric store. */
export interface EmfGate {
  dropping: boolean;
}

/**
 * The Lambda service around the agent handler in virtual time: it plays the plan's fate (run,
 * throttle, failed init, crash, timeout), runs the real handler when the function runs, loses
 * its EMF when the plan says so, and writes the function's AWS/Lambda metrics for every request
 * as the service would.
 *
 * @example
 * const lambda = new VirtualLambda({ clock, agent, recorder, gate, functionTimeoutMs: 30_000 });
 * const outcome = await lambda.invoke(plan, event, context); // 'ok', an error category, or 'lambda_timeout'
 */
export class VirtualLambda {
  constructor(
    private readonly deps: {
      readonly clock: VirtualClock;
      readonly agent: AgentHandler;
      readonly recorder: LambdaMetricsRecorder;
      readonly gate: EmfGate;
      readonly functionTimeoutMs: number;
    },
  ) {}

  /** One request through Lambda; returns `ok`, the reply's error category, or a `lambda_*` outcome. */
  async invoke(plan: RequestPlan, event: unknown, context: Context): Promise<string> {
    const { clock, recorder, functionTimeoutMs } = this.deps;
    const startMs = plan.startMs;
    switch (plan.lambda) {
      case 'throttle':
        recorder.throttle(startMs);
        return LAMBDA_OUTCOMES.throttle;
      case 'init_failure':
        return this.#failed(startMs, INIT_FAILURE_MS, LAMBDA_OUTCOMES.init_failure);
      case 'crash':
        return this.#failed(startMs, Math.min(functionTimeoutMs, plan.latencyMs * CRASH_AT_SHARE), LAMBDA_OUTCOMES.crash);
      case 'timeout':
        return this.#failed(startMs, functionTimeoutMs, LAMBDA_OUTCOMES.timeout);
      case 'run': {
        this.deps.gate.dropping = plan.metricsLost;
        try {
          const reply = (await this.deps.agent(event, context)) as AgentReply;
          recorder.invocation({ startMs, durationMs: clock.now() - startMs, failed: false });
          return 'error' in reply ? reply.error.category : 'ok';
        } finally {
          this.deps.gate.dropping = false;
        }
      }
    }
  }

  #failed(startMs: number, durationMs: number, outcome: string): string {
    this.deps.recorder.invocation({ startMs, durationMs, failed: true });
    this.deps.clock.set(startMs + durationMs);
    return outcome;
  }
}
