import type { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { MetricStore } from '../metrics';

/**
 * The judge's CloudWatch client, locally: PutMetricData lands in the local metric store, the
 * same store the agent's EMF goes to. Only PutMetricData is served.
 */
export function localCloudWatch(store: MetricStore): CloudWatchClient {
  return {
    send: async (command: PutMetricDataCommand) => {
      const input = command.input;
      if (!input?.Namespace || !input.MetricData) throw new Error('the local CloudWatch serves PutMetricData only');
      store.putMetricData(input.Namespace, input.MetricData as Parameters<MetricStore['putMetricData']>[1]);
      return { $metadata: {} };
    },
  } as unknown as CloudWatchClient;
}

/** The judge's SNS client, locally: a published drift message goes to `deliver` (the console, a webhook). */
export function localSns(deliver: (subject: string | undefined, message: string) => Promise<void>): SNSClient {
  return {
    send: async (command: PublishCommand) => {
      await deliver(command.input.Subject, command.input.Message ?? '');
      return { $metadata: {}, MessageId: `local-${Date.now()}` };
    },
  } as unknown as SNSClient;
}
