import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../bin/agent-monitor';
import { BaselineStore } from '../../functions/judge/baseline-store';
import { runJudge } from '../../functions/judge/judge-run';
import { judgeVersion } from '../../functions/judge/rubric';
import { LOCAL_AWS } from '../support/dynalite';
import { buildJudge, freshTables, judgeEnv, samplesScoring, seedSamples, SERVICE, startJudgeStandIns, type JudgeStandIns } from '../functions/judge/judge-harness';
import { capturingCli, type CapturedCli } from '../support/cli-context';

const ROOT = path.resolve(__dirname, '..', '..');
let standIns: JudgeStandIns;
let scored: { samples: string; budget: string };
let empty: { samples: string; budget: string };

beforeAll(async () => {
  standIns = await startJudgeStandIns();
  [scored, empty] = [await freshTables(standIns), await freshTables(standIns)];
  await seedSamples(standIns, scored.samples, [...samplesScoring('early', 40, 0.6, Date.now() - 7_200_000), ...samplesScoring('late', 60, 0.9, Date.now() - 3_600_000)]);
  await runJudge(buildJudge(standIns, judgeEnv(standIns, scored, { DRIFT_ABSOLUTE_THRESHOLD: '0' })).deps);
});

afterAll(async () => {
  await standIns.stop();
});

/** Runs the real executable as a user would, against dynalite through AWS_ENDPOINT_URL_DYNAMODB. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bin', 'agent-monitor.ts'), ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: LOCAL_AWS.region,
          AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamo.endpoint,
          SERVICE_NAME: SERVICE,
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function inProcess(env: Record<string, string> = {}): CapturedCli {
  return capturingCli({ env: { SERVICE_NAME: SERVICE, ...env }, dynamo: () => standIns.dynamo.doc });
}

describe('agent-monitor baseline', () => {
  it('sets the baseline from the most recent scores of the current judge version', async () => {
    // Act
    const result = await runCli(['baseline', 'set', '--from-last', '60'], { SAMPLES_TABLE_NAME: scored.samples });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Baseline set for judge version ${judgeVersion('gpt-4o-mini').id} (service "${SERVICE}", table ${scored.samples}).`);
    expect(result.stdout).toMatch(/Baseline \(cli\): 60 scores, mean 0\.900, responses from /);
    expect(result.stdout).toContain('Replaced the auto baseline of 50 scores (mean 0.660)');
    const baseline = await new BaselineStore({ doc: standIns.dynamo.doc, tableName: scored.samples, service: SERVICE }).get(judgeVersion('gpt-4o-mini'));
    expect(baseline).toMatchObject({ source: 'cli', size: 60, mean: expect.closeTo(0.9, 9) });
  });

  it('exits non-zero with a clear message when there are no scores', async () => {
    // Act
    const result = await runCli(['baseline', 'set', '--table', empty.samples]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `agent-monitor: no scores stored for judge version ${judgeVersion('gpt-4o-mini').id} (service "${SERVICE}") in table ${empty.samples}: let the judge score some samples first, or check --model, --service and --table`,
    );
  });

  it('finds no scores for another judge model, and says which version it looked for', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['baseline', 'set', '--table', scored.samples, '--model', 'gpt-4o'], context);

    // Assess
    expect(code).toBe(1);
    expect(context.errors).toEqual([expect.stringContaining(`no scores stored for judge version ${judgeVersion('gpt-4o').id}`)]);
  });

  it('warns when the baseline is too small for the statistical test', async () => {
    // Prepare
    const context = inProcess({ SAMPLES_TABLE_NAME: scored.samples });

    // Act
    const code = await main(['baseline', 'set', '--from-last', '10'], context);

    // Assess
    expect(code).toBe(0);
    expect(context.errors).toEqual(['warning: 10 scores is fewer than the 30 the statistical drift test needs; until then only the absolute threshold applies']);
  });

  it('shows the baseline and the drift state', async () => {
    // Prepare
    await main(['baseline', 'set', '--table', scored.samples, '--from-last', '20'], inProcess());
    const context = inProcess();

    // Act
    const code = await main(['baseline', 'show', '--table', scored.samples], context);

    // Assess
    expect(code).toBe(0);
    expect(context.lines[0]).toBe(`Judge version ${judgeVersion('gpt-4o-mini').id} (service "${SERVICE}", table ${scored.samples}).`);
    expect(context.lines[1]).toMatch(/^Baseline \(cli\): 20 scores, mean 0\.900/);
    expect(context.lines[2]).toBe('Drift state: ok (no episode yet).');
  });

  it('refuses a missing table and a bad count with a clear message', async () => {
    // Prepare
    const noTable = inProcess();
    const badCount = inProcess({ SAMPLES_TABLE_NAME: scored.samples });

    // Act
    const codes = [await main(['baseline', 'show'], noTable), await main(['baseline', 'set', '--from-last', 'many'], badCount)];

    // Assess
    expect(codes).toEqual([1, 1]);
    expect(noTable.errors).toEqual(['agent-monitor: no samples table: pass --table <name> or set SAMPLES_TABLE_NAME']);
    expect(badCount.errors[0]).toBe(`error: option '--from-last <n>' argument 'many' is invalid. must be a positive whole number, got "many"`);
  });
});
