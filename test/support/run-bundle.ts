import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RUNTIME_NODE_PATH } from './synth';

const MARK = '__LAMBDA_RESULT__ ';

export interface BundleRun {
  readonly loadMs: number;
  readonly results: { ok?: any; thrown?: string; initError?: string }[];
  /** Everything else the process wrote to stdout: EMF and log lines. */
  readonly stdout: string[];
  readonly stderr: string;
}

/**
 * Runs a bundled handler in a fresh Node.js process, as the Lambda runtime would: the
 * environment given (and nothing of this process's), the AWS SDK on NODE_PATH, events in order.
 */
export function runBundle(bundleFile: string, events: unknown[], env: Record<string, string>): Promise<BundleRun> {
  const eventsFile = path.join(mkdtempSync(path.join(tmpdir(), 'bundle-events-')), 'events.json');
  writeFileSync(eventsFile, JSON.stringify(events));
  const runner = path.join(__dirname, 'lambda-runner.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [runner, bundleFile, eventsFile],
      { env: { PATH: process.env.PATH ?? '', NODE_PATH: RUNTIME_NODE_PATH, ...env }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const lines = stdout.split('\n').filter(Boolean);
        const marked = lines.filter((line) => line.startsWith(MARK)).map((line) => JSON.parse(line.slice(MARK.length)));
        if (error && marked.length === 0) {
          reject(new Error(`bundle run failed: ${error.message}\n${stderr}`));
          return;
        }
        const [load, ...results] = marked;
        resolve({ loadMs: load?.loadMs ?? NaN, results: load?.initError ? [load] : results, stdout: lines.filter((line) => !line.startsWith(MARK)), stderr });
      },
    );
  });
}
