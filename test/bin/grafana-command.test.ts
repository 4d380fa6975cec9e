import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../bin/agent-monitor';
import { alarmCatalog } from '../../lib/catalog/alarms';
import { alarmSettingsFrom } from '../../lib/config/alarm-settings';
import { monitoringConfigFrom } from '../../lib/config/monitoring-config';
import { capturingCli, type CapturedCli } from '../support/cli-context';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX_LOADER = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'grafana-command-'));
  const context = { serviceName: 'support-bot', latencyTier: 'document-analysis', qualityThreshold: 0.7, '@aws-cdk/core:newStyleStackSynthesis': true };
  writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ app: 'npx tsx bin/app.ts', context }));
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

/** Runs the real executable in the project folder, as `agent-monitor grafana > dashboard.json` would. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'bin', 'agent-monitor.ts'), ...args], { cwd: project, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function inProcess(): CapturedCli {
  return capturingCli({ noDynamo: 'the grafana command needs no DynamoDB' });
}

describe('agent-monitor grafana', () => {
  it("prints the dashboard of the stack that the project's cdk.json and -c settings configure", async () => {
    // Act
    const result = await runCli(['grafana', '-c', 'metricNamespace=Support/Agents', '--agent-function', 'support-bot-agent-fn']);

    // Assess
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const dashboard = JSON.parse(result.stdout);
    const titles = dashboard.panels.map((panel: any) => panel.title);
    expect(dashboard.title).toBe('support-bot-monitoring');
    expect(titles).toEqual(expect.arrayContaining(['Request rate', 'Latency (tier document-analysis)', 'Alarm status', 'Recent alerts']));
    const quality = dashboard.panels.find((panel: any) => panel.title === 'Quality score and drift');
    expect(quality.fieldConfig.defaults.thresholds.steps.map((step: any) => step.value)).toEqual([null, 0.7]);
    const namespaces = new Set(dashboard.panels.flatMap((panel: any) => panel.targets ?? []).map((target: any) => target.namespace));
    expect([...namespaces].sort()).toEqual(['', 'AWS/Lambda', 'Support/Agents']);
    expect(dashboard.templating.list.find((variable: any) => variable.name === 'agent_function').current.value).toBe('support-bot-agent-fn');
    const status = dashboard.panels.find((panel: any) => panel.title === 'Alarm status').options.content;
    const config = monitoringConfigFrom({ serviceName: 'support-bot', latencyTier: 'document-analysis', qualityThreshold: 0.7, metricNamespace: 'Support/Agents' });
    const notifying = alarmCatalog(alarmSettingsFrom(config)).filter((alarm) => alarm.notify !== undefined);
    expect(notifying.length).toBeGreaterThan(10);
    for (const alarm of notifying) expect(status).toContain(`\`${alarm.name}\``);
  }, 90_000);

  it.each([
    ['an unknown -c key', ['-c', 'latencyTeir=batch-processing'], 'latencyTeir: not a setting of this kit; did you mean latencyTier?'],
    ['an invalid -c value', ['-c', 'qualityThreshold=2'], 'qualityThreshold: must be in (0, 1], got 2'],
  ])('refuses %s with the message the stack gives', async (_case, args, message) => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['grafana', '--project', project, ...args], context);

    // Assess
    expect(code).toBe(1);
    expect(context.errors.join('\n')).toContain(message);
    expect(context.lines).toEqual([]);
  });

  it('refuses a -c setting without a value', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['grafana', '--project', project, '-c', 'serviceName'], context);

    // Assess
    expect(code).toBe(1);
    expect(context.errors.join('\n')).toContain('expected key=value, got "serviceName"');
  });
});
