import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Env } from '../../functions/shared/config';

/** What a subcommand uses from the outside world; tests pass their own. */
export interface CliContext {
  readonly env: Env;
  /** A DynamoDB client (the default honours AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION, AWS_PROFILE). */
  readonly dynamo: () => DynamoDBDocumentClient;
  readonly now: () => number;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** A failure the user can fix; its message is printed as is, and the exit code is 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The real environment, DynamoDB, clock, stdout and stderr. */
export function defaultCliContext(): CliContext {
  let client: DynamoDBDocumentClient | undefined;
  return {
    env: process.env,
    dynamo: () => (client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } })),
    now: Date.now,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
