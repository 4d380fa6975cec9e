import type { Template } from 'aws-cdk-lib/assertions';
import type { SNSEvent } from 'aws-lambda';
import type { Severity } from '../../../functions/alert-router/alert';
import { TOPIC_ARNS } from './fixtures';

/** A function subscribed to alert topics, as the synthesized template wires it. */
export interface SubscribedFunction {
  readonly logicalId: string;
  /** The severities of the topics it is subscribed to. */
  readonly severities: readonly Severity[];
  /** Lambda's retries of a failed asynchronous invocation (its EventInvokeConfig). */
  readonly retryAttempts: number;
  /** The logical id of the on-failure destination. */
  readonly onFailure: string;
  /** Its environment, topic references replaced by TOPIC_ARNS. */
  readonly environment: Record<string, string>;
}

/** Lambda's on-failure record of an asynchronous invocation whose retries are exhausted. */
export interface DeadLetter {
  readonly queue: string;
  readonly requestContext: { readonly functionArn: string; readonly condition: 'RetriesExhausted'; readonly approximateInvokeCount: number };
  readonly requestPayload: SNSEvent;
  readonly responsePayload: { readonly errorMessage: string };
}

export interface Published {
  /** Invocations per function logical id, retries included. */
  readonly invocations: Record<string, number>;
  readonly deadLetters: DeadLetter[];
}

/** Runs one invocation; `thrown` is the error message when the function failed. */
export type Invoke = (fn: SubscribedFunction, event: SNSEvent) => Promise<{ thrown?: string }>;

type Resources = Record<string, { Properties: any }>;

const TOPIC_ENV: Record<string, Severity> = { ALERT_TOPIC_ARN_CRITICAL: 'critical', ALERT_TOPIC_ARN_WARNING: 'warning', ALERT_TOPIC_ARN_INFO: 'info' };

/** The Lambda subscriptions of the template, with their retry and dead-letter settings. */
export function subscribedFunctions(template: Template): SubscribedFunction[] {
  const functions = template.findResources('AWS::Lambda::Function') as Resources;
  const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'lambda' } }) as Resources);
  const invokeConfigs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig') as Resources);
  return Object.entries(functions).map(([logicalId, { Properties }]) => {
    const variables: Record<string, unknown> = Properties.Environment?.Variables ?? {};
    const severityOfTopic = new Map<string, Severity>();
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables)) {
      const severity = TOPIC_ENV[name];
      if (severity && typeof value === 'object' && value !== null && 'Ref' in value) {
        severityOfTopic.set(String(value.Ref), severity);
        environment[name] = TOPIC_ARNS[severity];
      } else {
        environment[name] = String(value);
      }
    }
    const config = invokeConfigs.find((candidate) => candidate.Properties.FunctionName.Ref === logicalId)?.Properties;
    if (!config) throw new Error(`function ${logicalId} has no EventInvokeConfig`);
    return {
      logicalId,
      severities: subscriptions
        .filter((subscription) => subscription.Properties.Endpoint['Fn::GetAtt']?.[0] === logicalId)
        .map((subscription) => severityOfTopic.get(subscription.Properties.TopicArn.Ref))
        .filter((severity): severity is Severity => severity !== undefined),
      retryAttempts: config.MaximumRetryAttempts,
      onFailure: config.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0],
      environment,
    };
  });
}

/**
 * What SNS and Lambda do with one message published to the topic of `severity`: every function
 * subscribed to it is invoked asynchronously on its own; a failed invocation is retried up to
 * its `retryAttempts`, and then its on-failure record goes to its dead-letter queue.
 */
export async function publish(functions: readonly SubscribedFunction[], severity: Severity, event: SNSEvent, invoke: Invoke): Promise<Published> {
  const invocations: Record<string, number> = {};
  const deadLetters: DeadLetter[] = [];
  await Promise.all(
    functions
      .filter((fn) => fn.severities.includes(severity))
      .map(async (fn) => {
        let lastError = '';
        for (let attempt = 0; attempt <= fn.retryAttempts; attempt += 1) {
          invocations[fn.logicalId] = (invocations[fn.logicalId] ?? 0) + 1;
          const { thrown } = await invoke(fn, event);
          if (thrown === undefined) return;
          lastError = thrown;
        }
        deadLetters.push({
          queue: fn.onFailure,
          requestContext: { functionArn: fn.logicalId, condition: 'RetriesExhausted', approximateInvokeCount: fn.retryAttempts + 1 },
          requestPayload: event,
          responsePayload: { errorMessage: lastError },
        });
      }),
  );
  return { invocations, deadLetters };
}
