import * as path from 'node:path';
import { main } from '../../bin/agent-monitor';
import type { CliContext } from '../../bin/commands/context';
import { runSimulation, type SimulationReport } from '../../local/simulator/run-simulation';
import { simulatorAlarmCatalog } from '../../local/simulator/simulation-world';
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
const CATALOG = simulatorAlarmCatalog();
/** The alarm name of a catalog id (the first id known: ids and names are the catalog's to choose) with the project's settings. */
const nameOf = (...ids: string[]): string => CATALOG.find((definition) => ids.includes(definition.id))!.name;
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

describe('agent-monitor backtest: batching, pagination, settings, output', () => {
  it('follows NextToken when the stand-in pages its replies, within GetMetricData limits on every call, to the same result', async () => {
    // Prepare
    const whole = await recorded('latency-spike');
    const paged = await recorded('latency-spike', 1_000);
    const unpaged = await backtest(whole, ['--days', '1', '--json']);
    const callsBefore = paged.standIn.calls.length;

    // Act
    const result = await backtest(paged, ['--days', '1', '--json']);

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.lines.join('\n'))).toEqual(JSON.parse(unpaged.lines.join('\n')));
    const calls = paged.standIn.calls.slice(callsBefore);
    expect(calls.every((call) => call.operation === 'GetMetricData' && call.headers['x-amz-target'] === 'GraniteServiceVersion20100801.GetMetricData')).toBe(true);
    expect(calls.filter((call) => call.body.NextToken !== undefined).length).toBeGreaterThan(0);
    for (const call of calls) {
      const queries = call.body.MetricDataQueries as any[];
      const requested = queries.reduce((sum, query) => sum + Math.floor((call.body.EndTime - call.body.StartTime) / query.MetricStat.Period), 0);
      expect(queries.length).toBeLessThanOrEqual(500);
      expect(requested).toBeLessThanOrEqual(100_800);
    }
    const periods = new Set(calls.flatMap((call) => call.body.MetricDataQueries.map((query: any) => `${query.MetricStat.Stat}@${query.MetricStat.Period}`)));
    expect([...periods].sort()).toEqual(['Maximum@60', 'Minimum@60', 'SampleCount@60', 'Sum@60', 'p95@300', 'p99@300']);
  }, 120_000);

  it('--compare replays the -c after it as the proposal, over the -c before it, and prints both with --json', async () => {
    // Prepare
    const run = await recorded('latency-spike');
    const plain = await backtest(run, ['--days', '1', '--json', '-c', 'latencyTier=document-analysis']);

    // Act
    const result = await backtest(run, ['--days', '1', '--json', '-c', 'latencyTier=document-analysis', '--compare', '-c', 'latencyTier=real-time-chat']);

    // Assess
    expect(result.code).toBe(0);
    const { current, proposed } = JSON.parse(result.lines.join('\n'));
    expect(current).toEqual(JSON.parse(plain.lines.join('\n')));
    const episodes = (json: any, id: string) => json.alarms.find((alarm: any) => alarm.name === nameOf(id)).episodes.length;
    expect(episodes(current, 'latency-p95')).toBe(0);
    expect(episodes(proposed, 'latency-p95')).toBe(1);
    expect(proposed).toEqual(JSON.parse((await backtest(run, ['--days', '1', '--json'])).lines.join('\n')));
  }, 120_000);

  it('--compare -c errorRatePercent=3 -c latencyTier=document-analysis: the proposal without the latency pages, the error rate still quiet', async () => {
    // Prepare
    const run = await recorded('latency-spike');

    // Act
    const result = await backtest(run, ['--days', '1', '--json', '--compare', '-c', 'errorRatePercent=3', '-c', 'latencyTier=document-analysis']);

    // Assess
    expect(result.code).toBe(0);
    const json = JSON.parse(result.lines.join('\n'));
    expect(Object.keys(json)).toEqual(['current', 'proposed']);
    const alarm = (side: any, id: string) => side.alarms.find((entry: any) => entry.name === nameOf(id));
    expect([alarm(json.current, 'latency-p95').episodes.length, alarm(json.proposed, 'latency-p95').episodes.length]).toEqual([1, 0]);
    expect([alarm(json.current, 'error-rate').minutesInAlarm, alarm(json.proposed, 'error-rate').minutesInAlarm]).toEqual([0, 0]);
  }, 120_000);

  it('prints current and proposed side by side as text', async () => {
    // Prepare
    const run = await recorded('latency-spike');

    // Act
    const result = await backtest(run, ['--days', '1', '--compare', '-c', 'latencyTier=document-analysis']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe('Backtest of current and proposed settings from 2026-11-19 12:00 UTC to 2026-11-20 12:00 UTC (1 d)');
    expect(result.lines[2]).toMatch(/^alarm +current: times \/ time in ALARM \/ notifications +proposed: times \/ time in ALARM \/ notifications$/);
    expect(result.lines.find((line) => line.startsWith(`${nameOf('latency-p95')} `))).toMatch(/1× \/ 34 min \/ warning 2 +-$/);
    expect(result.lines.at(-1)).toMatch(/^Notifications: \d+ current, \d+ proposed\.$/);
  }, 120_000);

  it('--json prints exactly from, to and per alarm name, severity, episodes, minutesInAlarm and notifications', async () => {
    // Prepare
    const run = await recorded('latency-spike');

    // Act
    const result = await backtest(run, ['--days', '1', '--json']);

    // Assess
    const json = JSON.parse(result.lines.join('\n'));
    expect(Object.keys(json)).toEqual(['from', 'to', 'alarms']);
    expect({ from: json.from, to: json.to }).toEqual({ from: '2026-11-19T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z' });
    for (const alarm of json.alarms) expect(Object.keys(alarm)).toEqual(['name', 'severity', 'episodes', 'minutesInAlarm', 'notifications']);
    const p95 = json.alarms.find((alarm: any) => alarm.name === nameOf('latency-p95'));
    expect(p95).toEqual({
      name: nameOf('latency-p95'),
      severity: 'warning',
      episodes: [{ start: '2026-11-20T11:06:00.000Z', end: '2026-11-20T11:40:00.000Z' }],
      minutesInAlarm: 34,
      notifications: [
        { time: '2026-11-20T11:06:00.000Z', topic: 'warning' },
        { time: '2026-11-20T11:40:00.000Z', topic: 'warning' },
      ],
    });
    const invoked = json.alarms.find((alarm: any) => alarm.name === nameOf('invoked', 'agent-invoked'));
    expect(invoked.episodes.at(-1).end).toBeNull();
  }, 120_000);

  it('prints, per alarm that went to ALARM, its times, time in ALARM, worst episode and notifications by topic', async () => {
    // Prepare
    const run = await recorded('latency-spike');

    // Act
    const result = await backtest(run, ['--days', '1']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^Backtest of \d+ alarms from 2026-11-19 12:00 UTC to 2026-11-20 12:00 UTC \(1 d\)$/);
    expect(result.lines.find((line) => line.startsWith(`${nameOf('unhealthy', 'agent-unhealthy')} `))).toMatch(/critical +1 +24 min +2026-11-20 11:11 UTC, 24 min +critical 2$/);
    expect(result.lines.find((line) => line.startsWith(`${nameOf('invoked', 'agent-invoked')} `))).toMatch(/\(still in ALARM\) +none$/);
    expect(result.lines.at(-1)).toMatch(new RegExp(`^Never in ALARM \\(\\d+\\): ${nameOf('error-rate')}, `));
  }, 120_000);

  it.each([
    [['-c', 'latencyTier=nope'], 'latencyTier'],
    [['--compare', '-c', 'latencyTier=nope'], 'latencyTier'],
    [['-c', 'availabilitySloTarget=2'], 'availabilitySloTarget'],
    [['--compare', '-c', 'errorRatePercent=abc'], 'errorRatePercent'],
  ])('refuses a bad setting %j, naming the key, before reading CloudWatch', async (args, key) => {
    // Prepare
    const run = await recorded('latency-spike');
    const callsBefore = run.standIn.calls.length;

    // Act
    const result = await backtest(run, ['--days', '1', ...args]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.errors.join('\n')).toContain(key);
    expect(run.standIn.calls.length).toBe(callsBefore);
  });

  it.each([
    [['--days', '15'], 'at most 14'],
    [['--days', '0'], 'above 0'],
    [['--compare'], '--compare needs the proposed settings after it'],
  ])('refuses %j with a message saying why', async (args, message) => {
    // Prepare
    const run = await recorded('latency-spike');

    // Act
    const result = await backtest(run, args);

    // Assess
    expect(result.code).toBe(1);
    expect(result.errors.join('\n')).toContain(message);
  });
});
