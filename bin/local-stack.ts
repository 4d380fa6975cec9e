#!/usr/bin/env node
/**
 * `npm start`: the agent, the judge, the metric store and the deployed alarms on this machine.
 * POST {"question": "..."} to the printed URL; alerts print here and go to ALERT_WEBHOOK_URL
 * (a Slack incoming webhook, for example) when it is set.
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

async function main(): Promise<void> {
  quietNodeVersionWarning();
  const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
  let header = 'agent-monitoring local stack (starting)';
  const view = new TerminalView(process.stdout, () => header);
  const stack = await startLocalStack({
    env: process.env,
    port,
    webhookUrl: process.env.ALERT_WEBHOOK_URL,
    judgeIntervalMs: Number(process.env.JUDGE_INTERVAL_MS ?? 60_000),
    print: (line) => view.message(line),
  });
  const model =
    stack.llm === 'simulated'
      ? 'the local SIMULATED model (set OPENAI_API_KEY, and OPENAI_BASE_URL for another endpoint, to use a real one)'
      : `the model at ${process.env.OPENAI_BASE_URL ?? 'api.openai.com'}`;
  header = `agent-monitoring local stack — POST ${stack.url} — answering with ${model} — Ctrl-C stops`;
  process.stdout.write(`${header}\ntry: curl -s ${stack.url} -d '{"question": "What is 12*7?"}'\n`);
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
