import { App } from 'aws-cdk-lib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CONTEXT_KEYS, configFromContext } from '../../../lib/config';
import { projectContext } from '../../../lib/config/project-context';
import { closestKnownKey, knownContextKeys, unknownContextKeys } from '../../../lib/config/unknown-keys';

function projectWith(context: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'unknown-keys-'));
  writeFileSync(path.join(root, 'cdk.json'), JSON.stringify({ app: 'npx ts-node bin/app.ts', context }));
  return root;
}

const FRAMEWORK_KEYS = {
  '@aws-cdk/core:newStyleStackSynthesis': true,
  '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
  'aws:cdk:enable-asset-metadata': true,
  'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a'],
  'acknowledged-issue-numbers': [32775],
};

describe('an unknown context key of the kit', () => {
  it('fails configFromContext naming the key and the setting it was meant to be', () => {
    // Prepare
    const app = new App({ context: { dailyLLMBudgetUsd: 5 } });

    // Act
    const read = () => configFromContext(app.node);

    // Assess
    expect(read).toThrow(
      'Invalid monitoring configuration (unknown context key):\n  - dailyLLMBudgetUsd: not a setting of this kit; did you mean dailyLlmBudgetUsd?\n' +
        "The settings are listed in the README's configuration table.",
    );
  });

  it('names every unknown key, one line each', () => {
    // Prepare
    const app = new App({ context: { minRequestPerHour: 10, agentReservedConcurency: 5, serviceName: 'bot' } });

    // Act
    const read = () => configFromContext(app.node);

    // Assess
    expect(read).toThrow(/^Invalid monitoring configuration \(unknown context keys\):\n/);
    expect(read).toThrow('  - minRequestPerHour: not a setting of this kit; did you mean minRequestsPerHour?\n');
    expect(read).toThrow('  - agentReservedConcurency: not a setting of this kit; did you mean agentReservedConcurrency?\n');
  });

  it("accepts the app's own keys given as otherKeys, and still refuses a typo of the kit's", () => {
    // Prepare
    const own = new App({ context: { stage: 'prod', serviceName: 'bot' } });
    const typo = new App({ context: { stage: 'prod', sampelRate: 0.1 } });

    // Act
    const config = configFromContext(own.node, { otherKeys: ['stage'] });
    const read = () => configFromContext(typo.node, { otherKeys: ['stage'] });

    // Assess
    expect(config.serviceName).toBe('bot');
    expect(() => configFromContext(own.node)).toThrow('stage: not a setting of this kit');
    expect(read).toThrow('sampelRate: not a setting of this kit; did you mean sampleRate?');
  });

  it('leaves CDK feature flags and keys with ":" or "-" alone, and knows stackName', () => {
    // Prepare
    const app = new App({ context: { ...FRAMEWORK_KEYS, stackName: 'support-bot-prod', serviceName: 'support-bot' } });

    // Act
    const config = configFromContext(app.node);

    // Assess
    expect(config.serviceName).toBe('support-bot');
    expect(unknownContextKeys(Object.keys(FRAMEWORK_KEYS))).toEqual([]);
    expect(unknownContextKeys(['stackName', ...Object.values(CONTEXT_KEYS)])).toEqual([]);
    expect(knownContextKeys()).toContain('stackName');
  });

  it('is refused in a cdk.json by projectContext, naming the file, the key and the closest known key', () => {
    // Prepare
    const root = projectWith({ ...FRAMEWORK_KEYS, latencyTier: 'document-analysis', dailyLLMBudgetUsd: 5 });

    // Act
    const read = () => projectContext(root);

    // Assess
    expect(read).toThrow(/^cdk\.json: Invalid monitoring configuration \(unknown context key\):\n {2}- dailyLLMBudgetUsd: not a setting of this kit; did you mean dailyLlmBudgetUsd\?/);
  });

  it('lets projectContext read a cdk.json with framework keys and stackName, keeping only the monitoring settings', () => {
    // Prepare
    const root = projectWith({ ...FRAMEWORK_KEYS, stackName: 'support-bot-prod', minRequestsPerHour: 30 });

    // Act
    const context = projectContext(root);

    // Assess
    expect(context).toEqual({ minRequestsPerHour: 30 });
  });

  it.each([
    ['minrequestsperhour', 'minRequestsPerHour'],
    ['accountConcurencyLimit', 'accountConcurrencyLimit'],
    ['stackname', 'stackName'],
    ['judgeModle', 'judgeModel'],
  ])('suggests the known key closest to %s: %s', (key, closest) => {
    // Act
    const suggestion = closestKnownKey(key);

    // Assess
    expect(suggestion).toBe(closest);
  });
});
