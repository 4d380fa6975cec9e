/** The AWS SQS metric the alerting alarms watch (AWS's own name, in AWS's namespace). */
import type { MetricSpec } from '../metrics';

export const AWS_SQS_NAMESPACE = 'AWS/SQS';
export const AWS_SQS_QUEUE_DIMENSION = 'QueueName';

export const AWS_SQS_METRICS = {
  messagesVisible: { name: 'ApproximateNumberOfMessagesVisible', unit: 'Count', description: 'messages waiting in the queue, available for retrieval' },
} as const satisfies Record<string, MetricSpec>;
