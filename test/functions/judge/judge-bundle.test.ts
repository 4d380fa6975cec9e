import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { JUDGE_METRICS } from '../../../lib/catalog/judge-metrics';
import { AgentTables } from '../../../lib/constructs/agent-tables';
import { JudgeFunction } from '../../../lib/constructs/judge-function';
import { secretsManagerHandlers, startAwsStandIn, type AwsStandIn } from '../../support/aws-stand-in';
import { LOCAL_AWS } from '../../support/dynalite';
import { runBundle, type BundleRun } from '../../support/run-bundle';
import { synthConstructs } from '../../support/synth-construct';
import { DRIFT_TOPIC_ARN, freshTables, judgeRequests, putRawItem, readItem, samplesScoring, seedSamples, startJudgeStandIns, type JudgeStandIns } from './judge-harness';

const SECRET_NAME = 'judge-bundle/openai';
const SECRET_KEY = 'sk-judge-from-secrets-manager';

/**
 * Node.js 20 runs these tests; the AWS SDK warns that it is leaving Node.js 20, which Lambda
 * never sees. Powertools Logger writes warnings and errors to stderr as JSON lines.
 */
function stderrLines(stderr: string): { logs: Record<string, unknown>[]; other: string[] } {
  const withoutWarning = stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?--trace-warnings[^\n]*\n?/g, '');
  const lines = withoutWarning.split('\n').filter((line) => line.trim());
  return { logs: lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)), other: lines.filter((line) => !line.startsWith('{')) };
}

/** The esbuild bundle `cdk synth` produces through JudgeFunction, run as Lambda runs it, against local stand-ins. */
describe('the synthesized judge bundle', () => {
  let standIns: JudgeStandIns;
  let secrets: AwsStandIn;
  let bundle: string;
  let deployed: Record<string, unknown>;
  let tables: { samples: string; budget: string };
  let run: BundleRun;

  beforeAll(async () => {
    const synthesized = synthConstructs((stack) => {
      const agentTables = new AgentTables(stack, 'Tables');
      return new JudgeFunction(stack, 'Judge', {
        serviceName: 'bundle-agent',
        namespace: 'BundleNamespace',
        samplesTable: agentTables.samples,
        budgetTable: agentTables.budget,
        dailyBudgetUsd: 5,
        apiKeySecret: secretsmanager.Secret.fromSecretNameV2(stack, 'Key', SECRET_NAME),
        driftTopic: sns.Topic.fromTopicArn(stack, 'Drift', DRIFT_TOPIC_ARN),
        drift: { minSamples: 20 },
      });
    });
    bundle = path.join(synthesized.assetDir('JudgeFunction'), 'index.js');
    const [fn] = Object.values(synthesized.template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: 'bundle-agent-judge' } }));
    deployed = fn.Properties.Environment.Variables;

    [standIns, secrets] = await Promise.all([startJudgeStandIns(), startAwsStandIn(secretsManagerHandlers({ [SECRET_NAME]: SECRET_KEY }))]);
    tables = await freshTables(standIns);
    await seedSamples(standIns, tables.samples, samplesScoring('bundle', 24, 0.55, Date.now() - 3_600_000));
    await putRawItem(standIns, tables.samples, { sampleId: 'bundle-poison', status: 'pending', createdAt: Date.now() - 7_200_000, question: 'Anything?', expiresAt: 2_000_000_000 });
    const scheduled = { version: '0', id: 'e-1', 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: {} };
    run = await runBundle(bundle, [scheduled, scheduled], bundleEnv());
  }, 120_000);

  afterAll(async () => {
    await Promise.all([standIns?.stop(), secrets?.close()]);
  });

  function bundleEnv(): Record<string, string> {
    const fromTemplate = Object.fromEntries(Object.entries(deployed).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
    return {
      ...fromTemplate,
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamo.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: standIns.aws.cloudwatch.endpoint,
      AWS_ENDPOINT_URL_SNS: standIns.aws.sns.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: 'bundle-agent-judge',
      OPENAI_BASE_URL: standIns.llm.baseUrl,
      SAMPLES_TABLE_NAME: tables.samples,
      BUDGET_TABLE_NAME: tables.budget,
      DRIFT_TOPIC_ARN,
    };
  }

  it('is a minified CommonJS file that leaves the AWS SDK to the runtime and loads cleanly', () => {
    // Assess
    expect(existsSync(bundle)).toBe(true);
    expect(statSync(bundle).size).toBeLessThan(800 * 1024);
    const code = readFileSync(bundle, 'utf8');
    expect(code).toMatch(/require\("@aws-sdk\/client-cloudwatch"\)/);
    expect(code).toMatch(/require\("@aws-sdk\/client-sns"\)/);
    expect(run.results.every((result) => result.initError === undefined && result.thrown === undefined)).toBe(true);
    expect(stderrLines(run.stderr).other).toEqual([]);
  });

  it('scores the backlog on the first run, marks the corrupt sample failed, and finds nothing on the second', () => {
    // Assess
    const [first, second] = run.results.map((result) => result.ok);
    expect(first).toMatchObject({ candidates: 25, scored: 24, markedFailed: 1, backlog: { pending: 0 }, drift: { state: 'drifting', notified: 'drifting' }, errors: [] });
    expect(second).toMatchObject({ candidates: 0, scored: 0, drift: { state: 'drifting', verdict: 'drifting' } });
    expect(judgeRequests(standIns)).toHaveLength(24);
    expect(standIns.llm.requests.every((request) => request.headers.authorization === `Bearer ${SECRET_KEY}`)).toBe(true);
    expect(secrets.calls.map((call) => call.body.SecretId)).toEqual([SECRET_NAME]);
  });

  it('stores the scores and the failure in DynamoDB', async () => {
    // Assess
    expect(await readItem(standIns, tables.samples, 'bundle-005')).toMatchObject({ status: expect.stringMatching(/^scored#bundle-agent#gpt-4o-mini:v2:/), score: 0.55 });
    expect((await readItem(standIns, tables.samples, 'bundle-poison'))?.failureReason).toBe('sample bundle-poison is incomplete or corrupt: "answer" is missing');
  });

  it('publishes the judge metrics with PutMetricData through AWS_ENDPOINT_URL_CLOUDWATCH', () => {
    // Assess
    const points = standIns.aws.metrics();
    expect(points.every((point) => point.namespace === 'BundleNamespace' && point.dimensions.service === 'bundle-agent')).toBe(true);
    expect(points.filter((point) => point.name === JUDGE_METRICS.qualityScore.name)).toHaveLength(24);
    expect(points.filter((point) => point.name === JUDGE_METRICS.evaluations.name).map((point) => point.value)).toEqual([24, 0]);
    expect(points.filter((point) => point.name === JUDGE_METRICS.failures.name).map((point) => point.value)).toEqual([1, 0]);
    expect(points.filter((point) => point.name === JUDGE_METRICS.qualityDrift.name).map((point) => point.value)).toEqual([1, 1]);
  });

  it('announces the drift once on SNS through AWS_ENDPOINT_URL_SNS', () => {
    // Assess
    const messages = standIns.aws.messages();
    expect(messages.map((message) => [message.topicArn, message.subject])).toEqual([[DRIFT_TOPIC_ARN, 'Quality drift: bundle-agent']]);
    expect(JSON.parse(messages[0].message)).toMatchObject({ type: 'quality_drift', state: 'drifting', windowSize: 24, windowMean: expect.closeTo(0.55, 9) });
  });

  it('logs each run as structured JSON', () => {
    // Assess
    const logs = [...run.stdout.map((line) => JSON.parse(line)), ...stderrLines(run.stderr).logs];
    expect(logs.filter((log) => log.message === 'judge run finished')).toHaveLength(2);
    expect(logs.find((log) => log.message === 'sample marked failed')).toMatchObject({ level: 'ERROR', service: 'bundle-agent', sampleId: 'bundle-poison' });
  });
});
