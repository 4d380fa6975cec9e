import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { restrictGrantsToAwsServices } from './compliance-notes';

/** How a function's log group is kept. */
export interface FunctionLogsProps {
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly retention?: logs.RetentionDays;
  /** A customer-managed key the CloudWatch Logs service may use. @default AWS-owned encryption */
  readonly encryptionKey?: kms.IKey;
}

/** The log group of one function: retention always set, encrypted with the key when given. */
export function functionLogGroup(scope: Construct, id: string, props: FunctionLogsProps = {}): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: props.retention ?? logs.RetentionDays.ONE_YEAR,
    encryptionKey: props.encryptionKey,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** A customer-managed key (rotated) that CloudWatch Logs in this account and region may use for log groups. */
export function logsEncryptionKey(scope: Construct, id: string): kms.Key {
  const key = new kms.Key(scope, id, { enableKeyRotation: true, description: 'encrypts the agent monitoring log groups' });
  restrictGrantsToAwsServices(key);
  const { region, account, partition } = Stack.of(scope);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` } },
    }),
  );
  return key;
}

/** A role for a function that may write only to its own log group; grants are added by the caller. */
export function functionRole(scope: Construct, id: string, logGroup: logs.ILogGroup, description: string): iam.Role {
  const role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
  logGroup.grantWrite(role);
  return role;
}
