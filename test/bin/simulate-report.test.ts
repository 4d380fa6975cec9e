import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../bin/agent-monitor';
import { reportWriteError } from '../../bin/commands/report-file';
import { capturingCli, type CapturedCli } from '../support/cli-context';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI_TIMEOUT_MS = 180_000;

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

function embeddedData(html: string): { scenario: { name: string }; alarms: { name: string }[]; notifications: unknown[] } {
  return JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]);
}

describe('agent-monitor simulate --report', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'simulate-report-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the HTML report beside the printed summary and says where, with the alarms and notifications of the run', async () => {
    // Prepare
    const file = path.join(dir, 'bad-deploy.html');

    // Act
    const { code, stdout, stderr } = await runCli(['--scenario', 'bad-deploy', '--report', file]);

    // Assess
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Scenario bad-deploy: 60 virtual minutes simulated in/m);
    expect(stdout).toMatch(new RegExp(`^HTML report written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)\\.$`, 'm'));
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const data = embeddedData(html);
    expect(data.scenario.name).toBe('bad-deploy');
    for (const alarm of data.alarms) expect(stdout).toContain(`  ${alarm.name} `);
    expect(stdout).toContain(`Notifications sent (${data.notifications.length}):`);
  }, CLI_TIMEOUT_MS);

  it('refuses, before running, a report in a directory that does not exist, naming the path', async () => {
    // Prepare
    const context = inProcess();
    const file = path.join(dir, 'missing', 'report.html');

    // Act
    const code = await main(['simulate', '--scenario', 'bad-deploy', '--json', '--report', file], context);

    // Assess
    expect(code).toBe(1);
    expect(context.errors).toEqual([`agent-monitor: cannot write the report to ${file}: the directory ${path.join(dir, 'missing')} does not exist`]);
    expect(context.lines).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a report path that is a directory, naming it', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['simulate', '--scenario', 'bad-deploy', '--report', dir], context);

    // Assess
    expect(code).toBe(1);
    expect(context.errors).toEqual([`agent-monitor: cannot write the report to ${dir}: it is a directory`]);
    expect(context.lines).toEqual([]);
  });

  it('names the path and the reason when the write itself fails after the run', () => {
    // Prepare
    const full = Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
    const odd = Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });

    // Act
    const messages = [reportWriteError('drill.html', full).message, reportWriteError('drill.html', odd).message];

    // Assess
    expect(messages).toEqual(['cannot write the report to drill.html: no space left on the device', 'cannot write the report to drill.html: EIO: i/o error, write']);
  });
});
