import * as path from 'node:path';
import { Command } from 'commander';
import { registerBacktestCommand } from '../../bin/commands/backtest';
import type { CliContext } from '../../bin/commands/context';
import { cloudWatchClient } from '../../local/backtest/metric-reader';
import type { AwsStandIn } from '../support/aws-stand-in';
import { failingHour, startCloudWatchHistoryStandIn } from '../support/cloudwatch-history-stand-in';

const ROOT = path.resolve(__dirname, '..', '..');
const NOW = Date.UTC(2026, 10, 20, 12, 0);
let standIn: AwsStandIn;
const savedEnv = { ...process.env };

beforeAll(async () => {
  standIn = await startCloudWatchHistoryStandIn(failingHour(NOW - 2 * 3_600_000));
  process.env = { ...savedEnv, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_CLOUDWATCH: standIn.endpoint };
});

afterAll(async () => {
  process.env = savedEnv;
  await standIn.close();
});

/** Runs the command with its progress bar going to a terminal-like stream (or not); returns what the stream received and stdout. */
async function run(args: string[], isTTY: boolean): Promise<{ terminal: string; lines: string[] }> {
  const written: string[] = [];
  const stream = { isTTY, columns: 120, write: (chunk: string) => written.push(String(chunk)) } as unknown as NodeJS.WriteStream;
  const lines: string[] = [];
  const context: CliContext = { env: process.env, dynamo: () => { throw new Error('no DynamoDB'); }, now: () => NOW, out: (line) => lines.push(line), err: (line) => lines.push(line) };
  const program = new Command('agent-monitor').exitOverride();
  registerBacktestCommand(program, context, { cloudwatch: cloudWatchClient, progress: { stream, isTTY } });
  await program.parseAsync(['backtest', '--project', ROOT, '--agent-function', 'agent-agent', '--days', '1', ...args], { from: 'user' });
  return { terminal: written.join(''), lines };
}

describe('agent-monitor backtest progress bar', () => {
  it('shows the fetch and the replay on a terminal', async () => {
    // Act
    const { terminal, lines } = await run([], true);

    // Assess
    expect(terminal).toContain('backtest fetch [');
    expect(terminal).toContain('backtest replay [');
    expect(lines[0]).toMatch(/^Backtest of \d+ alarms/);
  });

  it.each([
    ['with --json', ['--json'], true],
    ['when the output is not a terminal', [], false],
  ])('draws nothing %s', async (_, args, isTTY) => {
    // Act
    const { terminal } = await run(args, isTTY);

    // Assess
    expect(terminal).toBe('');
  });
});
