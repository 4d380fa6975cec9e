import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from './context';

/**
 * Refuses, before a run starts, a report path that cannot be written: a missing or read-only
 * directory, a directory at the path itself, a read-only file. The message names the path.
 */
export function checkReportPath(file: string): void {
  const path = resolve(file);
  const directory = dirname(path);
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats?.isDirectory()) throw reportError(file, 'it is a directory');
  if (stats) return probe(file, path, 'the file is not writable');
  const parent = statSync(directory, { throwIfNoEntry: false });
  if (!parent) throw reportError(file, `the directory ${directory} does not exist`);
  if (!parent.isDirectory()) throw reportError(file, `${directory} is not a directory`);
  probe(file, directory, `the directory ${directory} is not writable`);
}

/** The error of a failed report write, naming the path and the file system's reason. */
export function reportWriteError(file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = { ENOENT: 'its directory does not exist', EACCES: 'permission denied', EISDIR: 'it is a directory', ENOSPC: 'no space left on the device', EROFS: 'read-only file system' };
  return reportError(file, (code && reasons[code]) ?? (error as Error).message);
}

function probe(file: string, path: string, reason: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw reportError(file, reason);
  }
}

function reportError(file: string, reason: string): CliError {
  return new CliError(`cannot write the report to ${file}: ${reason}`);
}
