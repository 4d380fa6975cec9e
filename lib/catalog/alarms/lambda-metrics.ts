/** The AWS Lambda metrics the judge alarms watch (AWS's own names, in AWS's namespace). */
import type { MetricSpec } from '../metrics';

export const AWS_LAMBDA_NAMESPACE = 'AWS/Lambda';
export const AWS_LAMBDA_FUNCTION_DIMENSION = 'FunctionName';

export const AWS_LAMBDA_METRICS = {
  errors: { name: 'Errors', unit: 'Count', description: 'invocations that ended in a function error' },
  throttles: { name: 'Throttles', unit: 'Count', description: 'invocation requests refused for lack of concurrency' },
} as const satisfies Record<string, MetricSpec>;
