import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { alarmCatalog, type AlarmDefinition } from '../../lib/catalog/alarms';
import { alarmSettingsFrom } from '../../lib/config/alarm-settings';
import { backtestJson, backtestLines, comparisonLines } from '../../local/backtest/report';
import { cloudWatchClient, type GetMetricDataClient } from '../../local/backtest/metric-reader';
import { MAX_BACKTEST_DAYS, runBacktest } from '../../local/backtest/run-backtest';
import { CliError, type CliContext } from './context';
import type { ProgressTarget } from './simulate';
import { contextPair, stackConfig, type ContextOverrides } from './stack-settings';

interface BacktestOptions {
  readonly days: number;
  readonly project?: string;
  readonly context?: SplitContext;
  readonly compare?: boolean;
  readonly json?: boolean;
  readonly agentFunction: string;
  readonly judgeFunction?: string;
  readonly deadLetterQueue?: string;
}

/** The `-c` settings before `--compare` (the current ones) and after it (the proposal). */
interface SplitContext {
  readonly current: ContextOverrides;
  readonly proposed: ContextOverrides;
}

/** What the command reaches outside: CloudWatch, and where the progress bar goes. */
export interface BacktestDeps {
  readonly cloudwatch: () => GetMetricDataClient;
  readonly progress: ProgressTarget;
}

const HELP = `
What is recomputed, and how:
  Every series an alarm reads is fetched with GetMetricData at one-minute resolution (Period 60)
  as SampleCount, Sum, Minimum and Maximum: Sum, SampleCount, Minimum, Maximum and Average
  (Sum / SampleCount) over any longer period are exact from those, and the alarms' metric math
  is computed on them as the evaluator does.
  A percentile over a period longer than the data's (p95 and p99 latency over 5 minutes) cannot
  be recomputed from stored statistics: it is fetched at the alarm's own period, where CloudWatch
  computes it from the raw values, once per minute offset of the period, so that every sliding
  window the alarm reads is known exactly.
  CloudWatch keeps one-minute data 15 days: --days is at most ${MAX_BACKTEST_DAYS}, and up to one more day (the
  longest alarm window, less 15 minutes) is read before the window so the long windows start
  (nearly) full. The alarms start at the history's first datapoint, as newly created alarms.

Needs the IAM permission cloudwatch:GetMetricData. Credentials and region are found as the AWS
CLI finds them (environment, AWS_PROFILE, shared config, SSO, instance roles); the endpoint is the
SDK's own AWS_ENDPOINT_URL_CLOUDWATCH when set.

Examples:
  npx agent-monitor backtest --days 14 --agent-function support-bot-AgentFunction-abc123
  npx agent-monitor backtest --agent-function <name> --compare -c errorRatePercent=3 -c latencyTier=document-analysis
  npx agent-monitor backtest --agent-function <name> --json > backtest.json`;

/**
 * `agent-monitor backtest [--days 14] --agent-function <name> [-c key=value ...] [--compare -c key=value ...] [--json]`:
 * reads the deployed service's CloudWatch metrics that every alarm uses, replays them through
 * the local alarm evaluator, and prints per alarm how often it would have gone to ALARM, for how
 * long, its worst episode and the notifications it would have sent by topic. The settings are
 * read as `cdk synth` reads them (stackConfig); the `-c` after `--compare` are a proposal,
 * replayed over the same history and printed beside the current settings.
 *
 * @example
 * npx agent-monitor backtest --days 14 --agent-function support-bot-AgentFunction-abc123 --compare -c latencyTier=document-analysis
 */
export function registerBacktestCommand(
  program: Command,
  context: CliContext,
  deps: BacktestDeps = { cloudwatch: cloudWatchClient, progress: { stream: process.stderr, isTTY: process.stderr.isTTY === true && process.stdout.isTTY === true } },
): void {
  const split = { comparing: false };
  const command = program
    .command('backtest')
    .description("replay the deployed service's CloudWatch history through the alarms: how often each would have gone to ALARM, and with other settings")
    .option('--days <days>', `days of history to replay, at most ${MAX_BACKTEST_DAYS}`, days, 14)
    .requiredOption('--agent-function <name>', 'the agent Lambda function name (stack output AgentFunctionName), for the AWS/Lambda alarms')
    .option('--judge-function <name>', 'the judge Lambda function name (stack output JudgeFunctionName) (default: <serviceName>-judge)')
    .option('--dead-letter-queue <name>', "the alert router's dead-letter queue name (default: <serviceName>-alert-dead-letters)")
    .option('--project <dir>', 'the folder of the cdk.json whose context configures the stack (default: the current folder)')
    .option('-c, --context <key=value>', 'a context setting over cdk.json, as `cdk synth -c` (repeatable); after --compare, a setting of the proposal', (value: string, previous?: SplitContext) => {
      const into = previous ?? { current: {}, proposed: {} };
      return split.comparing ? { ...into, proposed: contextPair(value, into.proposed) } : { ...into, current: contextPair(value, into.current) };
    })
    .option('--compare', 'replay the settings given by the -c after it too, and print both side by side')
    .option('--json', 'print one JSON object: {"from", "to", "alarms": [...]}, or {"current", "proposed"} with --compare')
    .addHelpText('after', HELP)
    .action(async (options: BacktestOptions) => {
      split.comparing = false;
      await backtest(context, deps, options);
    });
  command.on('option:compare', () => {
    split.comparing = true;
  });
}

async function backtest(context: CliContext, deps: BacktestDeps, options: BacktestOptions): Promise<void> {
  const project = options.project ?? process.cwd();
  const current = catalogFor(project, options.context?.current ?? {}, options);
  const proposed = options.compare ? catalogFor(project, { ...options.context?.current, ...options.context?.proposed }, options) : undefined;
  if (options.compare && Object.keys(options.context?.proposed ?? {}).length === 0) throw new CliError('--compare needs the proposed settings after it, e.g. --compare -c latencyTier=document-analysis');
  const bar = deps.progress.isTTY && !options.json ? progressBar(deps.progress.stream) : undefined;
  let outcome;
  try {
    outcome = await runBacktest({
      client: deps.cloudwatch(),
      now: context.now(),
      days: options.days,
      catalogs: proposed ? [current, proposed] : [current],
      onProgress: bar && ((phase, done, total) => moveBar(bar, phase, done, total)),
    });
  } catch (error) {
    throw new CliError(`reading CloudWatch: ${(error as Error).message}`);
  } finally {
    bar?.stop();
  }
  if (outcome.firstDataTime === undefined) context.err('agent-monitor backtest: CloudWatch returned no datapoint for these metrics: check the region, --agent-function and the serviceName / metricNamespace settings.');
  const [now, next] = outcome.results;
  if (options.json) context.out(JSON.stringify(next ? { current: backtestJson(now), proposed: backtestJson(next) } : backtestJson(now), null, 2));
  else for (const line of next ? comparisonLines(now, next) : backtestLines(now)) context.out(line);
}

function catalogFor(project: string, overrides: ContextOverrides, options: BacktestOptions): AlarmDefinition[] {
  const config = stackConfig(project, overrides);
  const settings = {
    ...alarmSettingsFrom(config),
    agentFunctionName: options.agentFunction,
    ...(options.judgeFunction ? { judgeFunctionName: options.judgeFunction } : {}),
    ...(options.deadLetterQueue ? { alertDeadLetterQueueName: options.deadLetterQueue } : {}),
  };
  try {
    return alarmCatalog(settings);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function progressBar(stream: NodeJS.WriteStream): SingleBar {
  const bar = new SingleBar({ stream, format: 'backtest {phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed', hideCursor: true, clearOnComplete: true });
  bar.start(1, 0, { phase: 'fetch' });
  return bar;
}

function moveBar(bar: SingleBar, phase: string, done: number, total: number): void {
  bar.setTotal(total);
  bar.update(done, { phase });
}

function days(raw: string): number {
  const value = Number(raw);
  if (!(value > 0 && value <= MAX_BACKTEST_DAYS)) throw new InvalidArgumentError(`must be a number of days above 0 and at most ${MAX_BACKTEST_DAYS} (CloudWatch keeps one-minute datapoints 15 days, the last one warms the long windows up), got ${JSON.stringify(raw)}`);
  return value;
}
