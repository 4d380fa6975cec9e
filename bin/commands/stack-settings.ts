import { App } from 'aws-cdk-lib';
import { InvalidArgumentError } from 'commander';
import { configFromContext, type MonitoringConfig } from '../../lib/config/monitoring-config';
import { projectContext } from '../../lib/config/project-context';
import { CliError } from './context';

/** `-c key=value` settings as a command received them, later ones over earlier ones. */
export type ContextOverrides = Readonly<Record<string, string>>;

/**
 * The stack's configuration as `cdk synth` reads it: the context of the project's cdk.json,
 * then each `-c key=value` over it, through the stack's own reader (an unknown or invalid
 * setting fails the same way, as a CliError naming the key).
 *
 * @example
 * const config = stackConfig(process.cwd(), { latencyTier: 'document-analysis' });
 */
export function stackConfig(projectDir: string, overrides: ContextOverrides = {}): MonitoringConfig {
  try {
    const app = new App({ context: { ...projectContext(projectDir), ...overrides } });
    return configFromContext(app.node);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** Commander's parser of one repeatable `-c key=value`: adds the pair to those before it. */
export function contextPair(value: string, previous: ContextOverrides = {}): Record<string, string> {
  const separator = value.indexOf('=');
  if (separator <= 0) throw new InvalidArgumentError(`expected key=value, got ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, separator)]: value.slice(separator + 1) };
}
