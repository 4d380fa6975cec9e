import { SingleBar } from 'cli-progress';
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { parseSampleRate } from '../../functions/shared/capture/sampling';
import { writeSimulationReport, type ReportInput } from '../../local/simulator/report-html';
import { reportLines } from '../../local/simulator/report-text';
import { DEFAULT_JUDGE_EVERY_MINUTES, runSimulation, type SimulationOptions } from '../../local/simulator/run-simulation';
import { MAX_WARMUP_HOURS, ScenarioError, type Scenario } from '../../local/simulator/scenario';
import { BUILTIN_SCENARIOS, loadScenario } from '../../local/simulator/scenario-loader';
import { isModelProvider, MODEL_PROVIDERS, withProvider, type ModelProvider } from '../../local/simulator/scenario-provider';
import { checkScenarioSize, DEFAULT_MAX_SIMULATED_REQUESTS } from '../../local/simulator/scenario-size';
import { DEFAULT_SIMULATION_SAMPLE_RATE } from '../../local/simulator/simulation-world';
import { withWarmupHours } from '../../local/simulator/warmup-hours';
import type { CliContext } from './context';
import { checkReportPath, reportWriteError } from './report-file';

/** Exit code of a run refused because its scenario is invalid. */
export const INVALID_SCENARIO_EXIT_CODE = 2;

interface SimulateOptions {
  readonly scenario: string;
  readonly json?: boolean;
  readonly sampleRate?: number;
  readonly maxRequests?: number;
  readonly report?: string;
  readonly provider?: ModelProvider;
  readonly warmupHours?: number;
}

/** Where the progress bar goes: a terminal's stderr, or nowhere. */
export interface ProgressTarget {
  readonly stream: NodeJS.WriteStream;
  readonly isTTY: boolean;
}

/**
 * `agent-monitor simulate --scenario <file or built-in> [--json] [--report <file.html>] [--provider openai|bedrock] [--warmup-hours <hours>]`:
 * replays a scenario in virtual time through the real agent handler, monitoring wrapper and
 * judge, evaluates the deployed alarm catalog each virtual minute, and prints the summary, the
 * alarms and the notifications (`--json`: one JSON object on stdout); `--report` also writes a
 * self-contained HTML report with charts; `--provider` switches the scenario's traffic to that
 * provider (withProvider: its models become that provider's); `--warmup-hours` starts it from
 * that much steady history (a warm service, overriding the scenario's warmupHours). An invalid scenario exits with
 * code 2 and a message naming the field; a report path that cannot be written exits with code
 * 1, before the run.
 *
 * @example
 * npx agent-monitor simulate --scenario provider-outage --report drill.html
 * npx agent-monitor simulate --scenario ./black-friday.json --json > result.json
 * npx agent-monitor simulate --scenario rate-limit-storm --provider bedrock
 * npx agent-monitor simulate --scenario provider-outage --warmup-hours 24
 */
export function registerSimulateCommand(program: Command, context: CliContext, progress: ProgressTarget = { stream: process.stderr, isTTY: process.stderr.isTTY === true }): void {
  program
    .command('simulate')
    .description('replay a traffic scenario in virtual time through the real agent, judge and alarms, and report which alarms fire and when')
    .requiredOption('--scenario <file or name>', `a scenario JSON file, or a built-in: ${BUILTIN_SCENARIOS.join(', ')}`)
    .option('--json', 'print the result as one JSON object')
    .option('--report <file.html>', 'also write a self-contained HTML report of the drill (charts, phases, alarm spans, notifications)')
    .option('--sample-rate <rate>', `SAMPLE_RATE of the simulated agent, in (0, 1] (default: ${DEFAULT_SIMULATION_SAMPLE_RATE})`, sampleRate)
    .option('--provider <provider>', `play the scenario's traffic on this provider (${MODEL_PROVIDERS.join(' or ')}), its OpenAI models as their Bedrock counterparts or the reverse`, provider)
    .option('--warmup-hours <hours>', `start from this many hours of the scenario's steady traffic before minute 0 (a warm service; 0 to ${MAX_WARMUP_HOURS}, default: the scenario's warmupHours, else 0)`, wholeHours)
    .option('--max-requests <count>', `refuse a scenario that would send more requests (default: ${DEFAULT_MAX_SIMULATED_REQUESTS})`, wholeCount)
    .action(async (options: SimulateOptions) => simulate(context, options, progress));
}

async function simulate(context: CliContext, options: SimulateOptions, progress: ProgressTarget): Promise<void> {
  const read = readScenario(context, options.scenario, options.maxRequests, options.warmupHours);
  const scenario = options.provider === undefined ? read : withProvider(read, options.provider);
  if (options.report !== undefined) checkReportPath(options.report);
  // The AWS SDK warns that versions published from 2027 will need Node 22: noise for a local
  // run against embedded dynalite. A user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sampleRate = options.sampleRate ?? DEFAULT_SIMULATION_SAMPLE_RATE;
  const bar = progress.isTTY ? progressBar(progress.stream, scenario) : undefined;
  const run: SimulationOptions = { sampleRate, maxRequests: options.maxRequests, ...(bar && { onMinute: (minute: number) => bar.update(minute) }) };
  const started = performance.now();
  let report;
  try {
    report = await runSimulation(scenario, run);
  } finally {
    bar?.stop();
  }
  const facts = { durationMinutes: scenario.durationMinutes, sampleRate, judgeEveryMinutes: DEFAULT_JUDGE_EVERY_MINUTES, elapsedSeconds: (performance.now() - started) / 1000 };
  const reportBytes = options.report === undefined ? undefined : writeReport(options.report, { scenario, report, facts });
  if (options.json) {
    context.out(JSON.stringify(report.result, null, 2));
    return;
  }
  for (const line of reportLines(report, facts)) context.out(line);
  if (scenario.warmupHours) context.out(`\nWarm start: ${scenario.warmupHours} h of steady traffic before minute 0 (warmupHours), evaluated but not reported.`);
  if (options.provider !== undefined) context.out(`\nPlayed on ${options.provider} (--provider ${options.provider}): traffic model ${scenario.traffic.model}.`);
  if (reportBytes !== undefined) context.out(`\nHTML report written to ${options.report} (${(reportBytes / 1024).toFixed(0)} KB).`);
}

function writeReport(file: string, input: ReportInput): number {
  try {
    return writeSimulationReport(file, input);
  } catch (error) {
    throw reportWriteError(file, error);
  }
}

function readScenario(context: CliContext, fileOrName: string, maxRequests: number | undefined, warmupHours: number | undefined): Scenario {
  try {
    const loaded = loadScenario(fileOrName);
    const scenario = warmupHours === undefined ? loaded : withWarmupHours(loaded, warmupHours, '--warmup-hours');
    checkScenarioSize(scenario, maxRequests);
    return scenario;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    context.err(`agent-monitor simulate: ${error.message}`);
    throw new CommanderError(INVALID_SCENARIO_EXIT_CODE, 'commander.invalidScenario', error.message);
  }
}

function progressBar(stream: NodeJS.WriteStream, scenario: Scenario): SingleBar {
  const bar = new SingleBar({
    stream,
    format: `${scenario.name} [{bar}] {percentage}% | minute {value}/{total} | {duration_formatted} elapsed, about {eta_formatted} left`,
    etaBuffer: 50,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(scenario.durationMinutes, 0);
  return bar;
}

function provider(raw: string): ModelProvider {
  if (!isModelProvider(raw)) throw new InvalidArgumentError(`must be one of ${MODEL_PROVIDERS.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}

function wholeHours(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_WARMUP_HOURS) {
    throw new InvalidArgumentError(`must be a whole number of hours from 0 to ${MAX_WARMUP_HOURS}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function wholeCount(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`must be a whole number of at least 1, got ${JSON.stringify(raw)}`);
  return value;
}

function sampleRate(raw: string): number {
  try {
    return parseSampleRate(raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
