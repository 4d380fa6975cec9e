#!/usr/bin/env node
/**
 * `npm start`: the agent, the judge, the metric store and the deployed alarms on this machine.
 * POST {"question": "..."} to the printed URL and open the printed dashboard URL in a browser;
 * alerts print here and go to ALERT_WEBHOOK_URL (a Slack incoming webhook, for example) when it is set.
 */
import { startLocalStack } from '../local/stack/local-stack';
import { TerminalView } from '../local/stack/terminal';

/** The AWS SDK warns, on Node.js 20, that it will leave Node.js 20; Lambda runs 24, and the warning would break the view. */
function quietNodeVersionWarning(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'NodeVersionSupportWarning') process.stderr.write(`${warning.name}: ${warning.message}\n`);
  });
}

/** A whole-number setting from the environment; anything else stops the start with a message naming it. */
function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  quietNodeVersionWarning();
  const port = wholeNumber('PORT', 3000, 0, 65_535);
  const judgeIntervalMs = wholeNumber('JUDGE_INTERVAL_MS', 60_000, 1000, 86_400_000);
  let header = 'agent-monitoring local stack (starting)';
  const view = new TerminalView(process.stdout, () => header);
  const stack = await startLocalStack({
    env: process.env,
    port,
    webhookUrl: process.env.ALERT_WEBHOOK_URL,
    judgeIntervalMs,
    print: (line) => view.message(line),
  });
  const model = `${stack.llm.provider === 'bedrock' ? 'Bedrock: ' : ''}${stack.llm.description}`;
  const dashboardUrl = new URL('/dashboard', stack.url).href;
  header = `agent-monitoring local stack — POST ${stack.url} — dashboard ${dashboardUrl} — answering with ${model} — Ctrl-C stops`;
  process.stdout.write(`${header}\ntry: curl -s ${stack.url} -d '{"question": "What is 12*7?"}'\nopen the dashboard: ${dashboardUrl}\n`);
  view.start(stack);
  const stop = async () => {
    view.stop();
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`agent-monitoring local stack could not start: ${(error as Error).message}`);
  process.exit(1);
});
