import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BUDGET_TABLE, SAMPLES_TABLE } from '../../lib/catalog/tables';
import { createTableInput, LOCAL_AWS } from './dynalite';

/** dynalite in a child process: a store that can be stopped (SIGSTOP) and resumed, as a hung one is. */
export interface DynaliteProcess {
  readonly endpoint: string;
  readonly pid: number;
  /** SIGSTOP: the kernel still accepts connections, nothing answers. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  /** Resumes it if stopped, then kills it. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite in a child process with the agent's tables.
 *
 * @example
 * const store = await startDynaliteProcess({ budget: 'agent-budget' });
 * store.pause(); // every call now hangs
 * await store.stop();
 */
export async function startDynaliteProcess(tables: { budget?: string; samples?: string }): Promise<DynaliteProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'dynalite-child.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await listeningPort(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  try {
    if (tables.budget) await client.send(new CreateTableCommand(createTableInput(tables.budget, BUDGET_TABLE)));
    if (tables.samples) await client.send(new CreateTableCommand(createTableInput(tables.samples, SAMPLES_TABLE)));
  } finally {
    client.destroy();
  }
  const pid = child.pid!;
  return {
    endpoint,
    pid,
    pause: () => process.kill(pid, 'SIGSTOP'),
    resume: () => process.kill(pid, 'SIGCONT'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(pid, 'SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function listeningPort(child: ChildProcess): Promise<number> {
  const lines = createInterface({ input: child.stdout! });
  let listening = false;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      if (!listening) reject(new Error(`dynalite exited with code ${code} before listening`));
    });
  });
  const port = (async () => {
    for await (const line of lines) return (JSON.parse(line) as { port: number }).port;
    throw new Error('dynalite closed its output before listening');
  })();
  try {
    return await Promise.race([port, exited]);
  } finally {
    listening = true;
    lines.close();
  }
}
