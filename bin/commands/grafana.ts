import type { Command } from 'commander';
import { grafanaDashboardFor } from '../../lib/grafana';
import type { CliContext } from './context';
import { contextPair, stackConfig } from './stack-settings';

interface GrafanaOptions {
  readonly project?: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly agentFunction?: string;
  readonly judgeFunction?: string;
  readonly region?: string;
}

/**
 * `agent-monitor grafana [-c key=value ...] > dashboard.json`: prints the stack's dashboard as
 * a Grafana dashboard for Grafana's CloudWatch data source. The settings are read as `cdk synth`
 * reads them: the context of the project's cdk.json, then each `-c key=value` over it, through
 * the stack's own configuration reader (an unknown or invalid setting fails the same way).
 *
 * @example
 * npx agent-monitor grafana --agent-function support-bot-AgentFunction-abc123 > dashboard.json
 * npx agent-monitor grafana -c serviceName=support-bot -c latencyTier=document-analysis > dashboard.json
 */
export function registerGrafanaCommand(program: Command, context: CliContext): void {
  program
    .command('grafana')
    .description("print the stack's dashboard as Grafana dashboard JSON for Grafana's CloudWatch data source")
    .option('--project <dir>', 'the folder of the cdk.json whose context configures the stack (default: the current folder)')
    .option('-c, --context <key=value>', 'a context setting over cdk.json, as `cdk synth -c` (repeatable)', contextPair)
    .option('--agent-function <name>', 'the agent Lambda function name (stack output AgentFunctionName), for the Lambda panels')
    .option('--judge-function <name>', 'the judge Lambda function name (stack output JudgeFunctionName) (default: <serviceName>-judge)')
    .option('--region <region>', "the AWS region the dashboard opens with (default: the data source's default region)")
    .action((options: GrafanaOptions) => printDashboard(context, options));
}

function printDashboard(context: CliContext, options: GrafanaOptions): void {
  const config = stackConfig(options.project ?? process.cwd(), options.context);
  const dashboard = grafanaDashboardFor(config, { agent: options.agentFunction, judge: options.judgeFunction, region: options.region });
  context.out(JSON.stringify(dashboard, null, 2));
}
