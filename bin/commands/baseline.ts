import { InvalidArgumentError, type Command } from 'commander';
import { BaselineStore, baselineFrom, type Baseline } from '../../functions/judge/baseline-store';
import { readDriftSettings } from '../../functions/judge/config';
import { DriftStateStore } from '../../functions/judge/drift-state';
import { judgeVersion, type JudgeVersion } from '../../functions/judge/rubric';
import { ScoreStore } from '../../functions/judge/score-store';
import { EnvReader } from '../../functions/shared/config';
import { DEFAULT_SERVICE_NAME } from '../../lib/catalog/metrics';
import { CliError, type CliContext } from './context';

interface TargetOptions {
  readonly table?: string;
  readonly service?: string;
  readonly model?: string;
}

interface Target {
  readonly tableName: string;
  readonly service: string;
  readonly version: JudgeVersion;
  readonly baselineSize: number;
  readonly minSamples: number;
}

/**
 * `agent-monitor baseline set [--from-last N]` and `agent-monitor baseline show`: the quality
 * baseline of the current judge version (JUDGE_MODEL and the current rubric), in the samples
 * table. Settings come from the environment the judge uses (SAMPLES_TABLE_NAME, SERVICE_NAME,
 * JUDGE_MODEL, DRIFT_BASELINE_SIZE); the options override them.
 */
export function registerBaselineCommand(program: Command, context: CliContext): void {
  const baseline = program.command('baseline').description('show or set the quality baseline that drift detection compares recent scores with');
  withTarget(baseline.command('set'))
    .description("set the current judge version's baseline from its most recent stored scores")
    .option('--from-last <n>', 'how many of the most recent scores to use (default: DRIFT_BASELINE_SIZE, 50)', positiveInteger)
    .action(async (options: TargetOptions & { fromLast?: number }) => setBaseline(context, resolveTarget(context, options), options.fromLast));
  withTarget(baseline.command('show'))
    .description("show the current judge version's baseline and the drift state")
    .action(async (options: TargetOptions) => showBaseline(context, resolveTarget(context, options)));
}

async function setBaseline(context: CliContext, target: Target, fromLast: number | undefined): Promise<void> {
  const count = fromLast ?? target.baselineSize;
  const { baselines, scores } = stores(context, target);
  const latest = await scores.latest(target.version, { limit: count });
  if (latest.length === 0) {
    throw new CliError(
      `no scores stored for judge version ${target.version.id} (service "${target.service}") in table ${target.tableName}: ` +
        'let the judge score some samples first, or check --model, --service and --table',
    );
  }
  const previous = await baselines.get(target.version);
  const baseline = baselineFrom(target.version, latest, 'cli', context.now());
  await baselines.put(target.version, baseline);
  context.out(`Baseline set for judge version ${target.version.id} (service "${target.service}", table ${target.tableName}).`);
  printBaseline(context, baseline);
  if (latest.length < count) context.out(`Only ${latest.length} of the ${count} scores asked for are stored.`);
  if (latest.length < target.minSamples) {
    context.err(`warning: ${latest.length} scores is fewer than the ${target.minSamples} the statistical drift test needs; until then only the absolute threshold applies`);
  }
  if (previous) context.out(`Replaced the ${previous.source} baseline of ${previous.size} scores (mean ${previous.mean.toFixed(3)}) set ${iso(previous.setAt)}.`);
}

async function showBaseline(context: CliContext, target: Target): Promise<void> {
  const { baselines, states } = stores(context, target);
  const [baseline, state] = await Promise.all([baselines.get(target.version), states.get()]);
  context.out(`Judge version ${target.version.id} (service "${target.service}", table ${target.tableName}).`);
  if (baseline) printBaseline(context, baseline);
  else context.out(`No baseline yet: the judge sets one from the first ${target.baselineSize} scores, or run "agent-monitor baseline set".`);
  context.out(state ? `Drift state: ${state.state} since ${iso(state.changedAt)} (judge version ${state.judgeVersion}).` : 'Drift state: ok (no episode yet).');
}

function printBaseline(context: CliContext, baseline: Baseline): void {
  context.out(`Baseline (${baseline.source}): ${baseline.size} scores, mean ${baseline.mean.toFixed(3)}, responses from ${iso(baseline.fromCreatedAt)} to ${iso(baseline.toCreatedAt)}, set ${iso(baseline.setAt)}.`);
}

function withTarget(command: Command): Command {
  return command
    .option('--table <name>', 'the samples table (default: SAMPLES_TABLE_NAME)')
    .option('--service <name>', `the service name (default: SERVICE_NAME, ${DEFAULT_SERVICE_NAME})`)
    .option('--model <name>', 'the judge model (default: JUDGE_MODEL, gpt-4o-mini)');
}

function resolveTarget(context: CliContext, options: TargetOptions): Target {
  const read = new EnvReader(context.env);
  const drift = readDriftSettings(read);
  const tableName = options.table ?? read.optionalString('SAMPLES_TABLE_NAME');
  const service = options.service ?? read.string('SERVICE_NAME', read.string('POWERTOOLS_SERVICE_NAME', DEFAULT_SERVICE_NAME));
  const model = options.model ?? read.string('JUDGE_MODEL', 'gpt-4o-mini');
  if (!tableName) read.problems.push('no samples table: pass --table <name> or set SAMPLES_TABLE_NAME');
  if (read.problems.length > 0) throw new CliError(read.problems.join('; '));
  return { tableName: tableName!, service, version: judgeVersion(model), baselineSize: drift.baselineSize, minSamples: drift.minSamples };
}

function stores(context: CliContext, target: Target) {
  const tables = { doc: context.dynamo(), tableName: target.tableName, service: target.service };
  return { baselines: new BaselineStore(tables), scores: new ScoreStore(tables), states: new DriftStateStore(tables) };
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`must be a positive whole number, got "${value}"`);
  return parsed;
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
