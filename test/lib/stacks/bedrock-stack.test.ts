import { monitoringConfigFrom } from '../../../lib/config/monitoring-config';
import { cfnText } from '../../support/cfn-text';
import { synthStack, type SynthesizedApp } from '../../support/synth';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The statements of the default policy of the role whose logical id starts with `rolePrefix`, ARNs written out. */
function roleStatements(app: SynthesizedApp, rolePrefix: string): Statement[] {
  const policies = Object.values(app.template.findResources('AWS::IAM::Policy')) as { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref.startsWith(rolePrefix)))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .map((statement) => cfnText(statement) as Statement);
}

function variablesOf(app: SynthesizedApp, functionPrefix: string): Record<string, unknown> {
  const [, fn] = Object.entries(app.template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith(functionPrefix))!;
  return fn.Properties.Environment.Variables;
}

const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => [statement.Action].flat());
const bedrockOnly = (statements: Statement[]) => statements.filter((statement) => actionsOf([statement]).some((action) => action.startsWith('bedrock:')));

function expectComplianceClean(app: SynthesizedApp): void {
  for (const plugin of app.validationReport.pluginReports) {
    expect({ plugin: plugin.pluginName, conclusion: plugin.conclusion, violations: plugin.violations }).toEqual({ plugin: plugin.pluginName, conclusion: 'success', violations: [] });
    for (const suppressed of plugin.suppressedViolations) expect(suppressed.reason.length).toBeGreaterThan(40);
  }
}

const nagAcknowledgements = (app: SynthesizedApp) =>
  app.validationReport.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions')!.suppressedViolations.map((violation) => violation.acknowledgedId ?? violation.ruleName);

describe('AgentMonitoringStack with agent and judge on Amazon Bedrock', () => {
  const JUDGE_PROFILE = 'global.anthropic.claude-haiku-4-5-20251001-v1:0';
  let app: SynthesizedApp;

  beforeAll(() => {
    app = synthStack({ config: monitoringConfigFrom({ agentProvider: 'bedrock', judgeProvider: 'bedrock', judgeModel: JUDGE_PROFILE }) });
  }, 240_000);

  it('passes cdk-nag AwsSolutions and the Control Tower cfn-guard rules, the routed-model wildcard acknowledged with its reason', () => {
    // Assess
    expectComplianceClean(app);
    expect(nagAcknowledgements(app)).toContain('AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0]');
  });

  it('lets the agent invoke only Amazon Nova Lite in the stack region', () => {
    // Assess
    expect(bedrockOnly(roleStatements(app, 'AgentRole'))).toEqual([
      { Sid: 'InvokeBedrockModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.nova-lite-v1:0' },
    ]);
  });

  it('lets the judge invoke only its global inference profile, and its model in the regions it routes to only through the profile', () => {
    // Assess
    const profile = `arn:\${AWS::Partition}:bedrock:\${AWS::Region}:\${AWS::AccountId}:inference-profile/${JUDGE_PROFILE}`;
    expect(bedrockOnly(roleStatements(app, 'MonitoringJudgeRole'))).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:${AWS::Partition}:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0',
        Condition: { ArnEquals: { 'bedrock:InferenceProfileArn': profile } },
      },
    ]);
  });

  it('grants no streaming and no wildcard action', () => {
    // Assess
    const actions = actionsOf([...roleStatements(app, 'AgentRole'), ...roleStatements(app, 'MonitoringJudgeRole')]);
    expect(actions).not.toContain('bedrock:InvokeModelWithResponseStream');
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  it('hands the functions their provider and model, and no OpenAI key', () => {
    // Assess
    expect(variablesOf(app, 'AgentFunction')).toMatchObject({ AGENT_PROVIDER: 'bedrock', AGENT_MODEL: 'amazon.nova-lite-v1:0' });
    expect(variablesOf(app, 'MonitoringJudgeFunction')).toMatchObject({ JUDGE_PROVIDER: 'bedrock', JUDGE_MODEL: JUDGE_PROFILE });
    expect(variablesOf(app, 'AgentFunction')).not.toHaveProperty('OPENAI_API_KEY_SECRET_ID');
    expect(variablesOf(app, 'MonitoringJudgeFunction')).not.toHaveProperty('OPENAI_API_KEY_SECRET_ID');
  });

  it('has no OpenAI key secret at all: not in the construct tree, not in the template', () => {
    // Assess
    expect(app.stack.node.tryFindChild('OpenAiApiKey')).toBeUndefined();
    expect(app.stack.monitoring.node.tryFindChild('OpenAiApiKey')).toBeUndefined();
    expect(JSON.stringify(app.template.toJSON())).not.toMatch(/openai/i);
  });
});

describe('AgentMonitoringStack with a Bedrock agent on an application inference profile and an OpenAI judge', () => {
  const AGENT_PROFILE = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
  let app: SynthesizedApp;

  beforeAll(() => {
    app = synthStack({ config: monitoringConfigFrom({ agentProvider: 'bedrock', model: AGENT_PROFILE }) });
  }, 240_000);

  it('passes cdk-nag and cfn-guard, the any-model wildcard of the application profile acknowledged', () => {
    // Assess
    expectComplianceClean(app);
    expect(nagAcknowledgements(app)).toContain('AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:bedrock:*::foundation-model/*]');
  });

  it('lets the agent invoke the profile ARN as given, and foundation models only through it', () => {
    // Assess
    expect(bedrockOnly(roleStatements(app, 'AgentRole'))).toEqual([
      { Sid: 'InvokeBedrockInferenceProfile', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: AGENT_PROFILE },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws:bedrock:*::foundation-model/*',
        Condition: { ArnEquals: { 'bedrock:InferenceProfileArn': AGENT_PROFILE } },
      },
    ]);
    expect(variablesOf(app, 'AgentFunction')).toMatchObject({ AGENT_PROVIDER: 'bedrock', AGENT_MODEL: AGENT_PROFILE });
  });

  it('gives the OpenAI key to the judge only, and Bedrock to the agent only', () => {
    // Assess
    const reads = (statements: Statement[]) => JSON.stringify(statements.filter((statement) => actionsOf([statement]).includes('secretsmanager:GetSecretValue')));
    expect(reads(roleStatements(app, 'MonitoringJudgeRole'))).toContain('secret:agent-monitoring/openai-api-key');
    expect(reads(roleStatements(app, 'AgentRole'))).not.toContain('openai');
    expect(variablesOf(app, 'MonitoringJudgeFunction')).toMatchObject({ JUDGE_MODEL: 'gpt-4o-mini', OPENAI_API_KEY_SECRET_ID: 'agent-monitoring/openai-api-key' });
    expect(variablesOf(app, 'MonitoringJudgeFunction')).not.toHaveProperty('JUDGE_PROVIDER');
    expect(variablesOf(app, 'AgentFunction')).not.toHaveProperty('OPENAI_API_KEY_SECRET_ID');
    expect(bedrockOnly(roleStatements(app, 'MonitoringJudgeRole'))).toEqual([]);
  });
});
