import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CliContext } from '../../bin/commands/context';

/** A CLI context whose stdout and stderr lines are kept for the test to read. */
export type CapturedCli = CliContext & { readonly lines: string[]; readonly errors: string[] };

/**
 * The context `main` runs a subcommand with in-process tests: the given environment and
 * DynamoDB client, the real clock, and the printed lines captured. Without `dynamo`, asking for
 * a client fails with `noDynamo`, since the command under test should need none.
 *
 * @example
 * const cli = capturingCli({ noDynamo: 'simulate uses its own embedded dynalite' });
 * await main(['simulate', '--scenario', 'provider-outage', '--json'], cli);
 * JSON.parse(cli.lines.join('\n'));
 */
export function capturingCli(options: { env?: Record<string, string>; dynamo?: () => DynamoDBDocumentClient; noDynamo?: string } = {}): CapturedCli {
  const lines: string[] = [];
  const errors: string[] = [];
  const noDynamo = () => {
    throw new Error(options.noDynamo ?? 'this command needs no DynamoDB client');
  };
  return { env: options.env ?? {}, dynamo: options.dynamo ?? noDynamo, now: Date.now, out: (line) => lines.push(line), err: (line) => errors.push(line), lines, errors };
}
