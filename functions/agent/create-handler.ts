import type { Context } from 'aws-lambda';
import { withMonitoring, type Clock, type MonitoringLogger } from '../shared/monitoring/with-monitoring';
import type { EmfSink } from '../shared/monitoring/emf-writer';
import { answerQuestion, type AgentServiceDeps } from './agent-service';
import { isHttpEvent, parseAgentEvent } from './event';
import { failureReply, httpReply, type AgentReply, type HttpReply } from './reply';
import type { PriceFn } from '../shared/monitoring/request-monitor';

export interface AgentHandlerOptions extends AgentServiceDeps {
  readonly namespace: string;
  readonly serviceName: string;
  readonly price: PriceFn;
  readonly maxBodyBytes: number;
  readonly clock: Clock;
  readonly sink?: EmfSink;
  readonly logger?: MonitoringLogger;
  readonly functionName?: string;
}

export type AgentHandler = (event: unknown, context: Context) => Promise<AgentReply | HttpReply>;

/**
 * The agent Lambda handler: validate the event, answer inside the monitoring wrapper, shape
 * the reply for a direct invoke or an HTTP caller. Failures are replies, never crashes.
 */
export function createAgentHandler(options: AgentHandlerOptions): AgentHandler {
  const monitored = withMonitoring<unknown, AgentReply>(
    async (event, _context, monitor) => answerQuestion(parseAgentEvent(event, options.maxBodyBytes), monitor, options),
    {
      namespace: options.namespace,
      serviceName: options.serviceName,
      price: options.price,
      sink: options.sink,
      clock: options.clock,
      logger: options.logger,
      functionName: options.functionName,
      onError: failureReply,
    },
  );
  return async (event, context) => {
    const reply = await monitored(event, context);
    return isHttpEvent(event) ? httpReply(reply) : reply;
  };
}
