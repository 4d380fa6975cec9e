import { randomUUID } from 'node:crypto';
import { startAwsStandIn, type AwsStandIn, type OperationHandler, type RecordedCall } from './aws-stand-in';

/**
 * CloudWatch and SNS stand-ins for the judge, on top of startAwsStandIn.
 *
 * What the SDK really sends (checked against the installed clients):
 * - @aws-sdk/client-cloudwatch 3.11xx speaks AWS JSON 1.0 (`X-Amz-Target:
 *   GraniteServiceVersion20100801.PutMetricData`, `x-amzn-query-mode: true`, timestamps as
 *   epoch seconds) and gzips bodies of 10 KB or more; older clients (and older Lambda
 *   runtimes) send an awsQuery form. Both are decoded into the same {@link MetricPoint}s.
 * - @aws-sdk/client-sns speaks awsQuery: a form with `Action=Publish`, answered in XML.
 */

/** One metric value as CloudWatch would record it. */
export interface MetricPoint {
  readonly namespace: string;
  readonly name: string;
  readonly value: number;
  readonly unit?: string;
  /** Epoch ms. */
  readonly timestamp?: number;
  readonly dimensions: Record<string, string>;
}

/** One SNS Publish as the stand-in received it. */
export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
}

/** Turns an awsQuery form (`A.member.1.B=...`) into nested objects and arrays. */
export function unflattenQuery(form: Record<string, string>): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [key, value] of Object.entries(form)) {
    const parts = key.split('.');
    const path = parts.flatMap((part, index): (string | number)[] => (part === 'member' ? [] : parts[index - 1] === 'member' ? [Number(part) - 1] : [part]));
    let node: any = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= typeof path[index + 1] === 'number' ? [] : {};
      node = node[part];
    });
  }
  return root;
}

/** The metric values of every PutMetricData call, in order, whichever protocol carried them. */
export function metricPoints(calls: readonly RecordedCall[]): MetricPoint[] {
  return calls
    .filter((call) => call.operation === 'PutMetricData')
    .flatMap((call) => {
      const body = typeof call.body.Action === 'string' ? unflattenQuery(call.body) : call.body;
      return (body.MetricData ?? []).map((datum: any) => ({
        namespace: body.Namespace,
        name: datum.MetricName,
        value: Number(datum.Value),
        unit: datum.Unit,
        timestamp: toEpochMs(datum.Timestamp),
        dimensions: Object.fromEntries((datum.Dimensions ?? []).map((dimension: any) => [dimension.Name, dimension.Value])),
      }));
    });
}

/** The messages of every SNS Publish call, in order. */
export function publishedMessages(calls: readonly RecordedCall[]): PublishedMessage[] {
  return calls
    .filter((call) => call.operation === 'Publish')
    .map((call) => ({ topicArn: call.body.TopicArn, subject: call.body.Subject, message: call.body.Message }));
}

/** A CloudWatch stand-in accepting PutMetricData in JSON 1.0 or awsQuery. */
export function cloudWatchHandlers(): Record<string, OperationHandler> {
  return {
    PutMetricData: (body) =>
      typeof body.Action === 'string'
        ? { contentType: 'text/xml', body: queryReply('PutMetricData', 'http://monitoring.amazonaws.com/doc/2010-08-01/', '') }
        : { body: {} },
  };
}

/** What the SNS stand-in does: fail the next `failuresLeft` publishes with a 500, and keep the delivered ones. */
export interface SnsControl {
  failuresLeft: number;
  readonly delivered: PublishedMessage[];
}

/** An SNS stand-in accepting Publish. */
export function snsHandlers(control: SnsControl = { failuresLeft: 0, delivered: [] }): Record<string, OperationHandler> {
  return {
    Publish: (body) => {
      if (control.failuresLeft > 0) {
        control.failuresLeft--;
        const error = '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>stand-in failure</Message></Error></ErrorResponse>';
        return { status: 500, contentType: 'text/xml', body: error };
      }
      control.delivered.push({ topicArn: body.TopicArn, subject: body.Subject, message: body.Message });
      const result = `<PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>`;
      return { contentType: 'text/xml', body: queryReply('Publish', 'http://sns.amazonaws.com/doc/2010-03-31/', result) };
    },
  };
}

/** The judge's AWS stand-ins: CloudWatch and SNS, each on its own endpoint. */
export interface JudgeAwsStandIns {
  readonly cloudwatch: AwsStandIn;
  readonly sns: AwsStandIn;
  /** Makes the next `count` SNS Publish calls fail. */
  failNextPublishes(count: number): void;
  /** Every metric value received. */
  metrics(): MetricPoint[];
  /** Every SNS message delivered (failed publishes left out). */
  messages(): PublishedMessage[];
  close(): Promise<void>;
}

/** Starts the CloudWatch and SNS stand-ins; close() stops both. */
export async function startJudgeAwsStandIns(): Promise<JudgeAwsStandIns> {
  const control: SnsControl = { failuresLeft: 0, delivered: [] };
  const [cloudwatch, sns] = await Promise.all([startAwsStandIn(cloudWatchHandlers()), startAwsStandIn(snsHandlers(control))]);
  return {
    cloudwatch,
    sns,
    failNextPublishes: (count) => {
      control.failuresLeft = count;
    },
    metrics: () => metricPoints(cloudwatch.calls),
    messages: () => [...control.delivered],
    close: async () => {
      await Promise.all([cloudwatch.close(), sns.close()]);
    },
  };
}

function queryReply(operation: string, namespace: string, result: string): string {
  return `<${operation}Response xmlns="${namespace}">${result}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`;
}

function toEpochMs(timestamp: unknown): number | undefined {
  if (typeof timestamp === 'number') return timestamp * 1000;
  if (typeof timestamp === 'string') return /^\d+(\.\d+)?$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
  return undefined;
}
