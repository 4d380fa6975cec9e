import * as path from 'node:path';
import { main } from '../../bin/agent-monitor';
import type { CliContext } from '../../bin/commands/context';
import { runSimulation, type SimulationReport } from '../../local/simulator/run-simulation';
import { loadScenario } from '../../local/simulator/scenario-loader';
import type { AwsStandIn } from '../support/aws-stand-in';
import { startCloudWatchHistoryStandIn } from '../support/cloudwatch-history-stand-in';

const ROOT = path.resolve(__dirname, '..', '..');
const MINUTE_MS = 60_000;
const END = Date.UTC(2026, 10, 20, 12, 0);
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'eu-west-1' };

interface Run {
  readonly report: SimulationReport;
  readonly standIn: AwsStandIn;
}

const runs = new Map<string, Run>();
const savedEnv = { ...process.env };

/** A built-in drill run once, its metric history served by a CloudWatch stand-in (small pages with `pageDatapoints`). */
async function recorded(scenario: string, pageDatapoints?: number): Promise<Run> {
  const key = `${scenario}/${pageDatapoints ?? ''}`;
  const known = runs.get(key);
  if (known) return known;
  const report = runs.get(`${scenario}/`)?.report ?? (await runSimulation(loadScenario(scenario), { endAt: END }));
  const run = { report, standIn: await startCloudWatchHistoryStandIn(report.metrics.store, { pageDatapoints }) };
  runs.set(key, run);
  return run;
}

afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([...runs.values()].map((run) => run.standIn.close()));
});

/** Runs `agent-monitor backtest` in process at the end of the drill, against the stand-in through AWS_ENDPOINT_URL_CLOUDWATCH only. */
async function backtest(run: Run, args: string[]): Promise<{ code: number; lines: string[]; errors: string[] }> {
  process.env = { ...savedEnv, ...AWS_ENV, AWS_ENDPOINT_URL_CLOUDWATCH: run.standIn.endpoint };
  const lines: string[] = [];
  const errors: string[] = [];
  const unused = () => {
    throw new Error('the backtest command needs no DynamoDB');
  };
  const context: CliContext = { env: process.env, dynamo: unused, now: () => END + 20_000, out: (line) => lines.push(line), err: (line) => errors.push(line) };
  const code = await main(['backtest', '--project', ROOT, '--agent-function', 'agent-agent', ...args], context);
  return { code, lines, errors };
}

/** The ALARM episodes and notifications the simulation's own evaluator recorded, by alarm name, in the backtest's JSON terms. */
function simulated(report: SimulationReport): { episodes: Record<string, { start: string; end: string | null }[]>; notifications: Record<string, { time: string; topic: string }[]> } {
  const at = (minute: number) => new Date(report.details.start + minute * MINUTE_MS).toISOString();
  const episodes: Record<string, { start: string; end: string | null }[]> = {};
  for (const alarm of report.result.alarms) {
    const spans: { start: string; end: string | null }[] = [];
    alarm.transitions.forEach((transition, index) => {
      if (transition.state !== 'ALARM') return;
      const next = alarm.transitions[index + 1];
      spans.push({ start: at(transition.minute), end: next ? at(next.minute) : null });
    });
    episodes[alarm.name] = spans;
  }
  const notifications: Record<string, { time: string; topic: string }[]> = {};
  for (const notification of report.result.notifications) (notifications[notification.alarm] ??= []).push({ time: at(notification.minute), topic: notification.severity });
  return { episodes, notifications };
}

function fired(json: any): { episodes: Record<string, unknown>; notifications: Record<string, unknown> } {
  const alarms = json.alarms.filter((alarm: any) => alarm.episodes.length > 0 || alarm.notifications.length > 0);
  return {
    episodes: Object.fromEntries(alarms.filter((alarm: any) => alarm.episodes.length > 0).map((alarm: any) => [alarm.name, alarm.episodes])),
    notifications: Object.fromEntries(alarms.filter((alarm: any) => alarm.notifications.length > 0).map((alarm: any) => [alarm.name, alarm.notifications])),
  };
}

describe('agent-monitor backtest against a CloudWatch stand-in serving a drill', () => {
  it.each(['latency-spike', 'lambda-throttling'])('replays the %s drill into the alarm episodes and notifications the simulation saw', async (scenario) => {
    // Prepare
    const run = await recorded(scenario);

    // Act
    const result = await backtest(run, ['--days', '1', '--json']);

    // Assess
    expect({ code: result.code, errors: result.errors }).toEqual({ code: 0, errors: [] });
    const expected = simulated(run.report);
    expect(Object.keys(expected.episodes).length).toBeGreaterThan(0);
    expect(fired(JSON.parse(result.lines.join('\n')))).toEqual(expected);
  }, 120_000);
});
