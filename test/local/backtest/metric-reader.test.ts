import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { cloudWatchClient } from '../../../local/backtest/metric-reader';
import type { AwsStandIn } from '../../support/aws-stand-in';
import { failingHour, startCloudWatchHistoryStandIn } from '../../support/cloudwatch-history-stand-in';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX_LOADER = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'eu-west-1' };

/** Runs the real executable with exactly `env` (and PATH), as a user's shell would. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'bin', 'agent-monitor.ts'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 90_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the backtest CloudWatch client', () => {
  let standIn: AwsStandIn;

  beforeAll(async () => {
    standIn = await startCloudWatchHistoryStandIn(failingHour(Date.now() - 2 * 3_600_000));
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('reaches the endpoint of AWS_ENDPOINT_URL_CLOUDWATCH, signed with the credentials of the environment', async () => {
    // Act
    const result = await runCli(['backtest', '--days', '1', '--agent-function', 'agent-agent', '--json'], { ...CREDENTIALS, AWS_ENDPOINT_URL_CLOUDWATCH: standIn.endpoint });

    // Assess
    expect(result.code).toBe(0);
    expect(standIn.calls.length).toBeGreaterThan(0);
    expect(standIn.calls.every((call) => call.headers['x-amz-target'] === 'GraniteServiceVersion20100801.GetMetricData')).toBe(true);
    expect(String(standIn.calls[0].headers.authorization)).toContain('Credential=AKIDLOCAL/');
    expect(String(standIn.calls[0].headers.authorization)).toContain('/eu-west-1/monitoring/aws4_request');
    const json = JSON.parse(result.stdout);
    expect(json.alarms.some((alarm: { episodes: unknown[] }) => alarm.episodes.length > 0)).toBe(true);
  }, 120_000);

  it('goes to the regional CloudWatch endpoint when AWS_ENDPOINT_URL_CLOUDWATCH is not set: no endpoint of its own', async () => {
    // Prepare
    const saved = { ...process.env };
    process.env = { ...CREDENTIALS, PATH: saved.PATH };
    const client = cloudWatchClient();
    let url = '';
    client.middlewareStack.add(
      () => async (args: any) => {
        url = `${args.request.protocol}//${args.request.hostname}${args.request.path}`;
        throw new Error('stopped before sending');
      },
      { step: 'finalizeRequest', priority: 'low' },
    );

    // Act
    const sent = client.send(new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(60_000) }));
    await expect(sent.finally(() => (process.env = saved))).rejects.toThrow('stopped before sending');

    // Assess
    expect(url).toBe('https://monitoring.eu-west-1.amazonaws.com/');
  });
});
