#!/usr/bin/env -S npx tsx
/**
 * The `agent-monitor` command line. Each subcommand lives in `bin/commands/<name>.ts` and
 * registers itself on the program here.
 *
 * @example
 * npx agent-monitor baseline set --from-last 100
 * npm run agent-monitor -- baseline show --table my-samples
 */
import { Command } from 'commander';
import { registerBacktestCommand } from './commands/backtest';
import { registerBaselineCommand } from './commands/baseline';
import { registerGrafanaCommand } from './commands/grafana';
import { registerSimulateCommand } from './commands/simulate';
import { CliError, defaultCliContext, type CliContext } from './commands/context';

/** Builds the program with every subcommand; tests pass their own context. */
export function buildProgram(context: CliContext = defaultCliContext()): Command {
  const program = new Command('agent-monitor')
    .description('Operate the monitoring of an LLM agent: quality baselines, drift state')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => context.out(text.trimEnd()), writeErr: (text) => context.err(text.trimEnd()) });
  registerBaselineCommand(program, context);
  registerSimulateCommand(program, context);
  registerGrafanaCommand(program, context);
  registerBacktestCommand(program, context);
  return program;
}

/** Runs the program on `argv`; a CliError becomes its message on stderr and exit code 1. */
export async function main(argv: readonly string[], context: CliContext = defaultCliContext()): Promise<number> {
  try {
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (isCommanderExit(error)) return error.exitCode;
    context.err(`agent-monitor: ${error instanceof CliError ? error.message : String(error)}`);
    return 1;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code?.toString().startsWith('commander.') === true;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
