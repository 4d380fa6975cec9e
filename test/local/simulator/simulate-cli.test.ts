import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../bin/agent-monitor';
import { builtinScenarioPath } from '../../../local/simulator/scenario-loader';
import { capturingCli, type CapturedCli } from '../../support/cli-context';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI_TIMEOUT_MS = 90_000;

/** Runs the command as a user would: `npx tsx bin/agent-monitor.ts simulate ...`. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', path.join('bin', 'agent-monitor.ts'), 'simulate', ...args], { cwd: ROOT, env: process.env, timeout: CLI_TIMEOUT_MS }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function inProcess(): CapturedCli {
  return capturingCli({ noDynamo: 'simulate uses its own embedded dynalite' });
}

describe('agent-monitor simulate', () => {
  it('prints exactly one JSON object with the documented shape on stdout with --json', async () => {
    // Act
    const { code, stdout } = await runCli(['--scenario', 'rate-limit-storm', '--json']);

    // Assess
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['scenario', 'summary', 'alarms', 'notifications']);
    expect(result.scenario).toBe('rate-limit-storm');
    expect(Object.keys(result.summary)).toEqual(['total_requests', 'error_rate', 'p50_latency', 'p95_latency', 'p99_latency', 'total_tokens', 'total_cost']);
    for (const value of Object.values(result.summary)) expect(typeof value).toBe('number');
    expect(result.alarms.length).toBeGreaterThan(0);
    for (const alarm of result.alarms) {
      expect(Object.keys(alarm)).toEqual(['name', 'severity', 'firstAlarmMinute', 'transitions']);
      for (const transition of alarm.transitions) expect(Object.keys(transition)).toEqual(['minute', 'state']);
    }
    expect(result.alarms.map((alarm: { name: string }) => alarm.name)).toContain('agent-rate-limit-storm-warning');
    for (const notification of result.notifications) expect(Object.keys(notification)).toEqual(['minute', 'alarm', 'severity']);
  }, CLI_TIMEOUT_MS);

  it('refuses a bad scenario file with exit code 2, naming the field on stderr', async () => {
    // Prepare
    const scenario = JSON.parse(readFileSync(builtinScenarioPath('rate-limit-storm'), 'utf8'));
    scenario.phases.push({ fromMinute: 50, toMinute: 55, errors: { rate_limit: 1.5 } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'simulate-')), 'bad.json');
    writeFileSync(file, JSON.stringify(scenario));

    // Act
    const { code, stdout, stderr } = await runCli(['--scenario', file, '--json']);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('phases[1].errors.rate_limit must be a probability in [0, 1], got 1.5');
  }, CLI_TIMEOUT_MS);

  it('prints the summary, each alarm with its severity, first ALARM minute and transitions, and the notifications', async () => {
    // Prepare
    const [json, human] = [inProcess(), inProcess()];
    await main(['simulate', '--scenario', 'auth-failure', '--json'], json);
    const result = JSON.parse(json.lines.join('\n'));

    // Act
    const code = await main(['simulate', '--scenario', 'auth-failure'], human);

    // Assess
    expect(code).toBe(0);
    const text = human.lines.join('\n');
    expect(text).toMatch(/^Scenario auth-failure: 60 virtual minutes simulated in [\d.]+ s \(SAMPLE_RATE 0\.1, judge every 5 minutes\)\.$/m);
    expect(text).toMatch(new RegExp(`^ {2}requests +${result.summary.total_requests}$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {2}error rate +${(result.summary.error_rate * 100).toFixed(2)} %$`, 'm'));
    expect(text).toMatch(/^ {2}replies +ok \d+, auth_error \d+$/m);
    expect(result.alarms.length).toBeGreaterThan(0);
    for (const alarm of result.alarms) {
      const transitions = alarm.transitions.map((t: { minute: number; state: string }) => `${t.minute} ${t.state}`).join(', ');
      expect(text).toMatch(new RegExp(`^ {2}${alarm.name} +${alarm.severity} +minute ${alarm.firstAlarmMinute} +${transitions}$`, 'm'));
    }
    expect(result.notifications.length).toBeGreaterThan(0);
    for (const notification of result.notifications) {
      expect(text).toMatch(new RegExp(`^ {2}${notification.minute} +${notification.severity} +${notification.alarm}$`, 'm'));
    }
    expect(human.errors).toEqual([]);
  }, CLI_TIMEOUT_MS);

  it('refuses a sample rate outside (0, 1]', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['simulate', '--scenario', 'auth-failure', '--sample-rate', '1.5'], context);

    // Assess
    expect(code).not.toBe(0);
    expect(context.errors.join('\n')).toContain('SAMPLE_RATE must be a number in (0, 1]');
  });

  it('refuses a scenario of hundreds of millions of requests, naming durationMinutes, requestsPerMinute and the limit; --max-requests raises it', async () => {
    // Prepare: a week at 36,000 requests a minute, and a small one over a lowered limit
    const huge = JSON.parse(readFileSync(builtinScenarioPath('rate-limit-storm'), 'utf8'));
    Object.assign(huge, { durationMinutes: 10_080, requestsPerMinute: 36_000, phases: [] });
    const dir = mkdtempSync(path.join(tmpdir(), 'simulate-'));
    const file = path.join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify(huge));
    const [refused, lowered] = [inProcess(), inProcess()];

    // Act
    const code = await main(['simulate', '--scenario', file], refused);
    const loweredCode = await main(['simulate', '--scenario', 'auth-failure', '--max-requests', '100'], lowered);

    // Assess
    expect(code).toBe(2);
    const message = refused.errors.join('\n');
    expect(message).toContain('about 362,880,000 requests');
    expect(message).toContain('durationMinutes 10080 × requestsPerMinute 36000');
    expect(message).toContain('the limit is 2,000,000 requests');
    expect(message).toContain('--max-requests');
    expect(refused.lines).toEqual([]);
    expect(loweredCode).toBe(2);
    expect(lowered.errors.join('\n')).toContain('the limit is 100 requests');
  });
});
