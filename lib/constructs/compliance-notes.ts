import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';

/**
 * Findings of the synth-time checks that this project accepts by design, each with its
 * reason, acknowledged on the construct it concerns (never stack-wide).
 */
export function acknowledgeNoVpc(fn: IConstruct): void {
  Validations.of(fn).acknowledge({
    id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
    reason:
      'The function reaches only public endpoints (the LLM provider, DynamoDB, Secrets Manager, SNS, CloudWatch) and no private resource; a VPC would add NAT gateways and their cost without narrowing what it can reach.',
  });
}

/** A building block of a composite alarm (a burn-rate window, a part of monitoring-silent): its composite notifies, it must not. */
export function acknowledgeActionlessWindowAlarm(alarm: IConstruct): void {
  Validations.of(alarm).acknowledge({
    id: 'cdk-validator-cfnguard::cloudwatch_alarm_action_check',
    reason:
      'A building block of a composite alarm (a window of a multi-window burn-rate pair, a part of monitoring-silent): only the composite notifies, so that an incident pages once and only when the composite rule holds.',
  });
}

/** A queue that is the dead-letter target of a Lambda destination and SNS subscriptions, not of another queue. */
export function acknowledgeDeadLetterQueue(queue: IConstruct): void {
  const reason =
    'This queue is itself the dead-letter queue (the Lambda on-failure destination and the SNS subscriptions’ redrive target); a dead-letter queue of a dead-letter queue would only move the messages further from the operator.';
  Validations.of(queue).acknowledge({ id: 'AwsSolutions::AwsSolutions-SQS3', reason });
  Validations.of(queue).acknowledge({ id: 'cdk-validator-cfnguard::sqs_dlq_check', reason });
}

/** Lets only AWS services create grants on the key (AWS Control Tower CT.KMS.PR.3). */
export function restrictGrantsToAwsServices(key: kms.Key): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
}

/** The key of the samples' id pseudonyms: rotating it would break the link between a user's samples. */
export function acknowledgeUnrotatedPseudonymKey(secret: IConstruct): void {
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason:
      'The secret is an HMAC key, not a credential: it pseudonymizes user and session ids in the samples kept for judging, so that one user’s samples stay linkable without naming the user. Rotating it would give the same user a new pseudonym mid-retention; samples expire by TTL instead, and only the agent role may read the key.',
  });
}
