import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitoringConfigFrom } from '../../../lib/config/monitoring-config';
import { projectContext } from '../../../lib/config/project-context';

function projectWith(cdkJson: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'project-'));
  writeFileSync(path.join(root, 'cdk.json'), cdkJson);
  return root;
}

describe('projectContext', () => {
  it('reads the monitoring settings of cdk.json, leaving CDK feature flags out', () => {
    // Prepare
    const root = projectWith(JSON.stringify({ app: 'x', context: { latencyTier: 'document-analysis', availabilitySloTarget: 0.999, '@aws-cdk/core:newStyleStackSynthesis': true } }));

    // Act
    const context = projectContext(root);

    // Assess
    expect(context).toEqual({ latencyTier: 'document-analysis', availabilitySloTarget: 0.999 });
    expect(monitoringConfigFrom(context)).toMatchObject({ latencyTier: 'document-analysis', availabilitySloTarget: 0.999 });
  });

  it('is empty without a cdk.json, and names the file when it is not JSON', () => {
    expect(projectContext(mkdtempSync(path.join(tmpdir(), 'empty-')))).toEqual({});
    expect(() => projectContext(projectWith('{ not json'))).toThrow(/cdk.json is not valid JSON/);
  });

  it('reads this project’s own cdk.json', () => {
    expect(() => monitoringConfigFrom(projectContext())).not.toThrow();
  });
});
