import { App, Stack, type StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface SynthesizedConstructs<T> {
  readonly stack: Stack;
  readonly template: Template;
  /** What `build` returned. */
  readonly built: T;
  /** The folder of the code asset of the function whose logical id starts with `prefix`. */
  assetDir(prefix: string): string;
}

/**
 * Synthesizes a bare test stack holding whatever `build` adds, as `cdk synth` does (esbuild
 * bundling included), into a temp folder: for constructs tested apart from the main stack.
 */
export function synthConstructs<T>(build: (stack: Stack) => T, props: StackProps = {}): SynthesizedConstructs<T> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'construct-synth-'));
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'ConstructTest', props);
  const built = build(stack);
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Metadata?: Record<string, string> }>;
  return {
    stack,
    template,
    built,
    assetDir: (prefix) => {
      const entry = Object.entries(resources).find(([id, resource]) => id.startsWith(prefix) && resource.Type === 'AWS::Lambda::Function');
      const assetPath = entry?.[1].Metadata?.['aws:asset:path'];
      if (!assetPath) throw new Error(`no Lambda function with logical id ${prefix}* and an asset in the synthesized template`);
      return path.join(assembly.directory, assetPath);
    },
  };
}
