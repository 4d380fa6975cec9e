import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** `cdk synth` as a user runs it: the CLI from node_modules, no AWS credentials, no ~/.aws, no context lookups. */
function cdkSynth(args: string[]): Promise<{ code: number; stdout: string; stderr: string; outdir: string }> {
  const home = mkdtempSync(path.join(tmpdir(), 'no-aws-home-'));
  const outdir = path.join(home, 'cdk.out');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true' };
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'cdk'),
      ['synth', '--quiet', '--no-notices', '-o', outdir, ...args],
      { cwd: ROOT, env, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, outdir }),
    );
  });
}

describe('cdk synth (the CLI, without AWS credentials)', () => {
  it('synthesizes and writes a validation report with zero violations', async () => {
    // Act
    const result = await cdkSynth([]);

    // Assess
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(readFileSync(path.join(result.outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.map((plugin: any) => [plugin.pluginName, plugin.conclusion, plugin.violations.length])).toEqual([
      ['AwsSolutions', 'success', 0],
      ['cdk-validator-cfnguard', 'success', 0],
    ]);
  }, 240_000);

  it.each([
    ['sampleRate=0', 'sampleRate'],
    ['dailyLlmBudgetUsd=-5', 'dailyLlmBudgetUsd'],
    ['latencyTier=instant', 'latencyTier'],
    ['judgeSchedule=rate(0 minutes)', 'judgeSchedule'],
    ['agentProvider=azure', 'agentProvider: unknown provider "azure"; allowed: openai, bedrock'],
    ['errorRatePercent=120', 'errorRatePercent: must be a percentage in (0, 100), got 120'],
    ['toolMinCalls=0', 'toolMinCalls: must be a whole number of at least 1, got 0'],
  ])('fails on -c %s with a message naming %s', async (context, setting) => {
    // Act
    const result = await cdkSynth(['-c', context]);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(setting);
  }, 240_000);
});
