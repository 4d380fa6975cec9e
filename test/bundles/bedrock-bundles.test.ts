import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { METRICS } from '../../lib/catalog/metrics';
import { AgentFunction } from '../../lib/constructs/agent-function';
import { JudgeFunction } from '../../lib/constructs/judge-function';
import { CURRENT_RUBRIC } from '../../functions/judge/rubric';
import { BUDGET_TABLE_NAME, lambdaAwsEnv, SAMPLES_TABLE_NAME, startAgentStandIns, type BedrockAgentStandIns } from '../support/agent-harness';
import { datapoints, parseEmf } from '../support/emf';
import { runBundle, type BundleRun } from '../support/run-bundle';
import { RUNTIME_NODE_PATH } from '../support/synth';
import { synthConstructs } from '../support/synth-construct';
import { BEDROCK_JUDGE_MODEL, JUDGE_CALL_USAGE, startBedrockJudgeStandIns, type BedrockJudgeStandIns } from '../functions/judge/bedrock-judge-harness';
import { DRIFT_TOPIC_ARN, readItem, samplesScoring, seedSamples } from '../functions/judge/judge-harness';

const AGENT_MODEL = 'us.amazon.nova-lite-v1:0';
const JUDGE_TABLES = { samples: 'bundle-judge-samples', budget: 'bundle-judge-budget' };
const PSEUDONYM_KEY = 'Pq7rS2tU9vW4xY1zA6bC3dE8fG5hJ0kL'.repeat(2);
const BEDROCK_CLIENT = '@aws-sdk/client-bedrock-runtime';
/** Nova Lite: 600 input and 60 output tokens, USD. */
const JUDGE_CALL_USD = (JUDGE_CALL_USAGE.inputTokens * 0.06 + JUDGE_CALL_USAGE.outputTokens * 0.24) / 1e6;

/** Node.js 20 runs these tests; the AWS SDK warns that it is leaving Node.js 20, which Lambda never sees. */
function unexpectedStderr(stderr: string): string[] {
  const withoutWarning = stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?--trace-warnings[^\n]*\n?/g, '');
  return withoutWarning.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
}

/** The Lambda runtime's node_modules without the Bedrock Runtime client: what a bundle that bundled it would not notice. */
function runtimeWithoutBedrockClient(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'runtime-without-bedrock-'));
  for (const entry of readdirSync(RUNTIME_NODE_PATH)) {
    if (entry !== '@aws-sdk') symlinkSync(path.join(RUNTIME_NODE_PATH, entry), path.join(root, entry));
  }
  mkdirSync(path.join(root, '@aws-sdk'));
  for (const entry of readdirSync(path.join(RUNTIME_NODE_PATH, '@aws-sdk'))) {
    if (`@aws-sdk/${entry}` !== BEDROCK_CLIENT) symlinkSync(path.join(RUNTIME_NODE_PATH, '@aws-sdk', entry), path.join(root, '@aws-sdk', entry));
  }
  return root;
}

/** The esbuild bundles `cdk synth` produces for an agent and a judge on Bedrock, run as Lambda runs them against the Converse stand-in. */
describe('the synthesized agent and judge bundles on Bedrock', () => {
  let agentStandIns: BedrockAgentStandIns;
  let judgeStandIns: BedrockJudgeStandIns;
  let agentBundle: string;
  let judgeBundle: string;
  let deployed: { agent: Record<string, string>; judge: Record<string, string> };
  let agentRun: BundleRun;
  let judgeRun: BundleRun;
  let agentCalls: BedrockAgentStandIns['bedrock']['requests'];

  beforeAll(async () => {
    const synthesized = synthConstructs((stack) => {
      const budgetTable = dynamodb.Table.fromTableName(stack, 'Budget', BUDGET_TABLE_NAME);
      const samplesTable = dynamodb.Table.fromTableName(stack, 'Samples', SAMPLES_TABLE_NAME);
      new AgentFunction(stack, 'Agent', { serviceName: 'bundle-agent', namespace: 'AgentMonitoring', provider: 'bedrock', model: AGENT_MODEL, sampleRate: 1, dailyBudgetUsd: 5, budgetTable, samplesTable });
      new JudgeFunction(stack, 'Judge', {
        serviceName: 'bundle-agent',
        namespace: 'AgentMonitoring',
        provider: 'bedrock',
        samplesTable: dynamodb.Table.fromTableName(stack, 'JudgeSamples', JUDGE_TABLES.samples),
        budgetTable: dynamodb.Table.fromTableName(stack, 'JudgeBudget', JUDGE_TABLES.budget),
        dailyBudgetUsd: 5,
        driftTopic: sns.Topic.fromTopicArn(stack, 'Drift', DRIFT_TOPIC_ARN),
      });
    });
    agentBundle = path.join(synthesized.assetDir('AgentFunction'), 'index.js');
    judgeBundle = path.join(synthesized.assetDir('JudgeFunction'), 'index.js');
    const variables = (prefix: string) => {
      const [, fn] = Object.entries(synthesized.template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith(prefix))!;
      return Object.fromEntries(Object.entries(fn.Properties.Environment.Variables).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
    };
    deployed = { agent: variables('AgentFunction'), judge: variables('JudgeFunction') };

    // Each harness points this process at its own stand-in: started in turn, stopped in reverse order.
    judgeStandIns = await startBedrockJudgeStandIns();
    agentStandIns = await startAgentStandIns({ provider: 'bedrock' });
    await judgeStandIns.dynamo.createTables(JUDGE_TABLES);
    await seedSamples(judgeStandIns, JUDGE_TABLES.samples, samplesScoring('bundle', 5, 0.7, Date.now() - 3_600_000));
    const scheduled = { version: '0', id: 'e-1', 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: {} };
    [agentRun, judgeRun] = await Promise.all([
      runBundle(agentBundle, [{ question: 'What is 6*7?', userId: 'bundle-user' }, { requestContext: { http: { method: 'POST' } }, body: '{"question": 12}' }], agentEnv()),
      runBundle(judgeBundle, [scheduled], judgeEnv()),
    ]);
    agentCalls = agentStandIns.bedrock.requests.slice();
  }, 180_000);

  afterAll(async () => {
    await agentStandIns?.stop();
    await judgeStandIns?.stop();
  });

  function agentEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      ...deployed.agent,
      ...lambdaAwsEnv(agentStandIns.bedrock.endpoint),
      AWS_ENDPOINT_URL_DYNAMODB: agentStandIns.dynamo.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: 'bundle-agent-fn',
      SAMPLE_PSEUDONYM_KEY: PSEUDONYM_KEY,
      LLM_MAX_RETRIES: '0',
      ...overrides,
    };
  }

  function judgeEnv(): Record<string, string> {
    return {
      ...deployed.judge,
      ...lambdaAwsEnv(judgeStandIns.bedrock.endpoint),
      AWS_ENDPOINT_URL_DYNAMODB: judgeStandIns.dynamo.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: judgeStandIns.aws.cloudwatch.endpoint,
      AWS_ENDPOINT_URL_SNS: judgeStandIns.aws.sns.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: 'bundle-agent-judge',
    };
  }

  it('deploys both functions on Bedrock with no OpenAI key', () => {
    // Assess
    expect(deployed.agent).toMatchObject({ AGENT_PROVIDER: 'bedrock', AGENT_MODEL });
    expect(deployed.judge).toMatchObject({ JUDGE_PROVIDER: 'bedrock', JUDGE_MODEL: BEDROCK_JUDGE_MODEL });
    expect(Object.keys({ ...deployed.agent, ...deployed.judge }).filter((name) => name.startsWith('OPENAI'))).toEqual([]);
  });

  it.each([
    ['agent', () => agentBundle, 600 * 1024],
    ['judge', () => judgeBundle, 800 * 1024],
  ])('leaves the %s bundle\'s Bedrock Runtime client to the Lambda runtime', (name, bundle, maxBytes) => {
    // Assess
    expect(existsSync(bundle())).toBe(true);
    const { size } = statSync(bundle());
    expect(size).toBeLessThan(maxBytes);
    console.info(`${name} bundle on Bedrock: ${(size / 1024).toFixed(1)} KB (limit ${maxBytes / 1024} KB)`);
    const code = readFileSync(bundle(), 'utf8');
    expect(code).toContain(`require("${BEDROCK_CLIENT}")`);
    expect(code).not.toContain('/converse');
    expect(require.resolve(BEDROCK_CLIENT, { paths: [RUNTIME_NODE_PATH] })).toContain(path.join(RUNTIME_NODE_PATH, BEDROCK_CLIENT));
  });

  it('needs the runtime\'s Bedrock Runtime client: without it the agent bundle cannot load', async () => {
    // Act
    const missing = await runBundle(agentBundle, [{ question: 'hi' }], agentEnv({ NODE_PATH: runtimeWithoutBedrockClient() }));

    // Assess
    expect(missing.results[0].initError).toContain(`Cannot find module '${BEDROCK_CLIENT}'`);
  });

  it('answers through the Converse stand-in with a tool round trip, priced, with the metric contract in EMF', () => {
    // Assess
    expect(unexpectedStderr(agentRun.stderr)).toEqual([]);
    const [math, invalid] = agentRun.results.map((result) => result.ok);
    expect(math).toMatchObject({ answer: expect.stringContaining('42'), model: AGENT_MODEL, toolCalls: ['calculator'] });
    expect(math.costUsd).toBeCloseTo((math.usage.promptTokens * 0.06 + math.usage.completionTokens * 0.24) / 1e6, 12);
    expect(invalid.statusCode).toBe(400);
    expect(agentCalls.map((call) => [call.protocol, call.modelId])).toEqual([
      ['h2', AGENT_MODEL],
      ['h2', AGENT_MODEL],
    ]);
    expect(agentCalls[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    const docs = parseEmf(agentRun.stdout);
    const service = { service: 'bundle-agent' };
    expect(datapoints(docs, METRICS.requests.name, service)).toEqual([1, 1]);
    expect(datapoints(docs, METRICS.toolCalls.name, { ...service, tool: 'calculator' })).toEqual([1]);
    expect(datapoints(docs, METRICS.costUsd.name, service)[0]).toBeCloseTo(math.costUsd, 12);
    expect(datapoints(docs, METRICS.errors.name, { ...service, error_category: 'invalid_input' })).toEqual([1]);
  });

  it('classifies a throttle, a hang and a reset in a plain Node.js process, each counted once', async () => {
    // Prepare
    agentStandIns.bedrock.enqueue({ kind: 'error', name: 'ThrottlingException' }, { kind: 'hang' }, { kind: 'reset' });
    const before = agentStandIns.bedrock.requests.length;

    // Act
    const faults = await runBundle(agentBundle, [{ question: 'busy?' }, { question: 'slow?' }, { question: 'reset?' }], agentEnv({ LLM_TIMEOUT_MS: '300' }));

    // Assess
    expect(faults.results.map((result) => result.ok.error.category)).toEqual(['rate_limit', 'timeout', 'network_error']);
    expect(faults.results.every((result) => result.ok.error.message.includes(AGENT_MODEL))).toBe(true);
    expect(agentStandIns.bedrock.requests.length - before).toBe(3);
    expect(datapoints(parseEmf(faults.stdout), METRICS.requests.name, { service: 'bundle-agent' })).toEqual([1, 1, 1]);
  });

  it('scores the backlog through the forced rubric tool, stores the scores and charges the budget', async () => {
    // Assess
    expect(judgeRun.results[0].initError).toBeUndefined();
    expect(unexpectedStderr(judgeRun.stderr)).toEqual([]);
    expect(judgeRun.results[0].ok).toMatchObject({ candidates: 5, scored: 5, failures: 0, errors: [] });
    expect(judgeRun.results[0].ok.costUsd).toBeCloseTo(5 * JUDGE_CALL_USD, 12);
    const requests = judgeStandIns.bedrock.requests;
    expect(requests).toHaveLength(5);
    expect(requests.every((request) => request.modelId === BEDROCK_JUDGE_MODEL && request.protocol === 'h2')).toBe(true);
    expect(requests[0].body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: CURRENT_RUBRIC.schemaName, description: expect.any(String), inputSchema: { json: CURRENT_RUBRIC.schema } } }],
      toolChoice: { tool: { name: CURRENT_RUBRIC.schemaName } },
    });
    expect(await readItem(judgeStandIns, JUDGE_TABLES.samples, 'bundle-002')).toMatchObject({
      status: expect.stringMatching(new RegExp(`^scored#bundle-agent#${BEDROCK_JUDGE_MODEL.replace(/\./g, '\\.')}:v2:`)),
      score: 0.7,
      judgement: { judgeModel: BEDROCK_JUDGE_MODEL, promptTokens: 600, completionTokens: 60 },
    });
  });
});
