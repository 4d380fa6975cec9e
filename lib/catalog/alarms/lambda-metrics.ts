/**
 * The AWS Lambda metrics the alarms watch (AWS's own names, in AWS's namespace), for the agent
 * and the judge functions.
 *
 * Lambda publishes Invocations, Errors and Throttles together, zeros included, for every minute
 * in which the function received a request (a throttled one too); Duration and
 * ConcurrentExecutions for every minute with an invocation. The simulator and `npm start`
 * write them the same way (local/lambda/).
 */
import type { MetricSpec } from '../metrics';

export const AWS_LAMBDA_NAMESPACE = 'AWS/Lambda';
export const AWS_LAMBDA_FUNCTION_DIMENSION = 'FunctionName';

export const AWS_LAMBDA_METRICS = {
  invocations: { name: 'Invocations', unit: 'Count', description: 'invocations that ran (or tried to run) the function, failed ones included; throttled requests are not invocations' },
  errors: { name: 'Errors', unit: 'Count', description: 'invocations that ended in a function error: an exception, a crash, out of memory, a timeout, a failed initialization' },
  throttles: { name: 'Throttles', unit: 'Count', description: 'invocation requests refused for lack of concurrency' },
  duration: { name: 'Duration', unit: 'Milliseconds', description: 'time the function code ran per invocation' },
  concurrentExecutions: { name: 'ConcurrentExecutions', unit: 'Count', description: 'instances of the function processing events at the same time' },
} as const satisfies Record<string, MetricSpec>;
