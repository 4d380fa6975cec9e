import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { addComplianceChecks } from '../../lib/compliance';
import { AgentMonitoringStack, type AgentMonitoringStackProps } from '../../lib/stacks/agent-monitoring-stack';

export interface SynthesizedApp {
  readonly outdir: string;
  /** The policy validation report (cdk-nag and cfn-guard) the synth wrote. */
  readonly validationReport: ValidationReport;
  readonly stack: AgentMonitoringStack;
  readonly template: Template;
  /** The folder of the code asset of the function whose logical id starts with `prefix`. */
  assetDir(prefix: string): string;
}

export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly violations: readonly unknown[];
    readonly suppressedViolations: readonly { ruleName: string; reason: string; acknowledgedId: string }[];
  }[];
}

/** Synthesizes the stack as `cdk synth` does, esbuild bundling included, into a temp folder. */
export function synthStack(props: AgentMonitoringStackProps = {}): SynthesizedApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'agent-monitoring-synth-'));
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new AgentMonitoringStack(app, 'AgentMonitoringTest', props);
  addComplianceChecks(app);
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Metadata?: Record<string, string> }>;
  return {
    outdir,
    validationReport: JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')),
    stack,
    template,
    assetDir: (prefix) => {
      const entry = Object.entries(resources).find(([id, resource]) => id.startsWith(prefix) && resource.Type === 'AWS::Lambda::Function');
      const assetPath = entry?.[1].Metadata?.['aws:asset:path'];
      if (!assetPath) throw new Error(`no Lambda function with logical id ${prefix}* and an asset in the synthesized template`);
      return path.join(assembly.directory, assetPath);
    },
  };
}

/** The Lambda runtime's NODE_PATH stand-in: the AWS SDK v3 the bundles leave external. */
export const RUNTIME_NODE_PATH = path.resolve(__dirname, '..', '..', 'node_modules');
