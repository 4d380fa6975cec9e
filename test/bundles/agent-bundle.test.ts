import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { SAMPLE_STATUS_INDEX } from '../../lib/catalog/tables';
import { METRICS } from '../../lib/catalog/metrics';
import { startAwsStandIn, secretsManagerHandlers, type AwsStandIn } from '../support/aws-stand-in';
import { datapoints, parseEmf } from '../support/emf';
import { runBundle, type BundleRun } from '../support/run-bundle';
import { synthStack } from '../support/synth';
import { startAgentStandIns, BUDGET_TABLE_NAME, SAMPLES_TABLE_NAME, type AgentStandIns } from '../support/agent-harness';
import { LOCAL_AWS } from '../support/dynalite';

/** Node.js 20 runs these tests; the AWS SDK warns that it is leaving Node.js 20, which Lambda (Node.js 22) never sees. */
function unexpectedStderr(stderr: string): string[] {
  const withoutWarning = stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?--trace-warnings[^\n]*\n?/g, '');
  return withoutWarning.split('\n').filter((line) => line.trim());
}

const SECRET_NAME = 'agent-monitoring/openai-api-key';
const SECRET_KEY = 'sk-from-secrets-manager';
const OTHER_PROVIDER_SECRET = 'other-provider/api-key';
const OTHER_PROVIDER_KEY = 'gsk_live_0123456789abcdefXYZ';
const PSEUDONYM_SECRET = 'agent-monitoring/sample-pseudonym-key';
const PSEUDONYM_KEY = 'Pq7rS2tU9vW4xY1zA6bC3dE8fG5hJ0kL'.repeat(2);

/** The esbuild bundle `cdk synth` produces for the agent, run as Lambda runs it, against local stand-ins. */
describe('the synthesized agent bundle', () => {
  let standIns: AgentStandIns;
  let secrets: AwsStandIn;
  let bundle: string;
  let run: BundleRun;
  let secretCallsOfFirstRun: AwsStandIn['calls'];
  let llmRequestsOfFirstRun: AgentStandIns['llm']['requests'];

  beforeAll(async () => {
    bundle = path.join(synthStack().assetDir('Agent'), 'index.js');
    [standIns, secrets] = await Promise.all([startAgentStandIns(), startAwsStandIn(secretsManagerHandlers({ [SECRET_NAME]: SECRET_KEY, [OTHER_PROVIDER_SECRET]: OTHER_PROVIDER_KEY, [PSEUDONYM_SECRET]: PSEUDONYM_KEY }))]);
    const events = [
      { question: 'What is 6*7?', userId: 'bundle-user', sessionId: 'bundle-session' },
      { requestContext: { http: { method: 'POST' } }, body: '{"question": 12}' },
      { question: 'Reach me at jane.doe@example.com, what time is it?' },
    ];
    run = await runBundle(bundle, events, bundleEnv());
    secretCallsOfFirstRun = secrets.calls.slice();
    llmRequestsOfFirstRun = standIns.llm.requests.slice();
  }, 120_000);

  function bundleEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamo.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: 'agent-fn',
      OPENAI_BASE_URL: standIns.llm.baseUrl,
      OPENAI_API_KEY_SECRET_ID: SECRET_NAME,
      SAMPLE_PSEUDONYM_KEY_SECRET_ID: PSEUDONYM_SECRET,
      SERVICE_NAME: 'bundle-agent',
      METRICS_NAMESPACE: 'AgentMonitoring',
      BUDGET_TABLE_NAME,
      SAMPLES_TABLE_NAME,
      DAILY_BUDGET_USD: '5',
      SAMPLE_RATE: '1',
      LLM_MAX_RETRIES: '0',
      ...overrides,
    };
  }

  afterAll(async () => {
    await Promise.all([standIns?.stop(), secrets?.close()]);
  });

  it('is a minified CommonJS file that leaves the AWS SDK to the runtime', () => {
    expect(existsSync(bundle)).toBe(true);
    expect(statSync(bundle).size).toBeLessThan(600 * 1024);
    const code = readFileSync(bundle, 'utf8');
    expect(code).toMatch(/require\("@aws-sdk\/client-dynamodb"\)/);
    // Minified: a few dozen lines (the bundled @smithy/node-http-handler keeps its multi-line messages).
    expect(code.split('\n').length).toBeLessThan(100);
    expect(unexpectedStderr(run.stderr)).toEqual([]);
  });

  it('answers the invoke contract, success and invalid input alike', () => {
    // Assess
    const [math, invalid, capture] = run.results.map((result) => result.ok);
    expect(math).toMatchObject({ answer: expect.stringContaining('42'), model: 'gpt-4o-mini', toolCalls: ['calculator'], costUsd: expect.any(Number) });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body).error).toEqual({ category: 'invalid_input', message: '"question" must be a string, got number 12' });
    expect(capture.toolCalls).toEqual(['current_datetime']);
  });

  it('classifies a provider timeout as timeout and a reset as network_error, in a plain Node.js process', async () => {
    // Prepare
    standIns.llm.enqueue({ kind: 'hang' }, { kind: 'reset' });

    // Act
    const faults = await runBundle(bundle, [{ question: 'slow?' }, { question: 'reset?' }], bundleEnv({ LLM_TIMEOUT_MS: '300' }));

    // Assess
    expect(faults.results.map((result) => result.ok.error.category)).toEqual(['timeout', 'network_error']);
    expect(faults.results[0].ok.error.message).toMatch(/time/i);
  });

  it('never repeats a key read from Secrets Manager, whatever its format, when the provider echoes it', async () => {
    // Prepare
    standIns.llm.enqueue({ kind: 'status', status: 401, body: { error: { message: `Incorrect API key provided: ${OTHER_PROVIDER_KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } } });

    // Act
    const echoed = await runBundle(bundle, [{ question: 'hi' }], bundleEnv({ OPENAI_API_KEY_SECRET_ID: OTHER_PROVIDER_SECRET }));

    // Assess
    expect(echoed.results[0].ok.error.category).toBe('auth_error');
    expect(JSON.stringify(echoed.results)).not.toContain(OTHER_PROVIDER_KEY);
    expect(echoed.stdout.join('\n')).not.toContain(OTHER_PROVIDER_KEY);
  });

  it('reads the API key and the pseudonym key from Secrets Manager once each, and sends the API key to the provider', () => {
    expect(secretCallsOfFirstRun.map((call) => [call.operation, call.body.SecretId])).toEqual([
      ['GetSecretValue', SECRET_NAME],
      ['GetSecretValue', PSEUDONYM_SECRET],
    ]);
    expect(llmRequestsOfFirstRun.length).toBeGreaterThan(0);
    expect(llmRequestsOfFirstRun.every((request) => request.headers.authorization === `Bearer ${SECRET_KEY}`)).toBe(true);
  });

  it('writes the metric contract as EMF on stdout', () => {
    // Assess
    const docs = parseEmf(run.stdout);
    const service = { service: 'bundle-agent' };
    expect(datapoints(docs, METRICS.requests.name, service)).toEqual([1, 1, 1]);
    expect(datapoints(docs, METRICS.errors.name, { ...service, error_category: 'invalid_input' })).toEqual([1]);
    expect(datapoints(docs, METRICS.coldStart.name, { ...service, function_name: 'agent-fn' })).toEqual([1]);
    expect(datapoints(docs, METRICS.toolCalls.name, { ...service, tool: 'calculator' })).toEqual([1]);
    expect(datapoints(docs, METRICS.captureSampled.name, service)).toEqual([1, 1]);
    expect(docs.every((doc) => doc.namespace === 'AgentMonitoring')).toBe(true);
  });

  it('writes structured JSON logs carrying the request id', () => {
    // Assess
    const logs = run.stdout.filter((line) => !line.includes('"_aws"')).map((line) => JSON.parse(line));
    const failure = logs.find((log) => log.message === 'agent request failed');
    expect(failure).toMatchObject({ level: 'INFO', service: 'bundle-agent', errorCategory: 'invalid_input', requestId: expect.any(String) });
  });

  it('keeps sampled replies redacted and pending in DynamoDB, with a TTL', async () => {
    // Act
    const pending = await standIns.dynamo.doc.send(
      new QueryCommand({
        TableName: SAMPLES_TABLE_NAME,
        IndexName: SAMPLE_STATUS_INDEX,
        KeyConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );

    // Assess
    expect(pending.Items).toHaveLength(2);
    const texts = JSON.stringify(pending.Items);
    expect(texts).not.toContain('jane.doe@example.com');
    expect(texts).toContain('[REDACTED_EMAIL]');
    expect(pending.Items!.every((item) => item.expiresAt > Date.now() / 1000 + 29 * 86400)).toBe(true);
    const pseudonym = (kind: string, id: string) => `${kind}_${createHmac('sha256', PSEUDONYM_KEY).update(`${kind}\u0000${id}`).digest('hex').slice(0, 32)}`;
    const math = pending.Items!.find((item) => item.sampleId === run.results[0].ok.requestId);
    expect(math).toMatchObject({ userId: pseudonym('user', 'bundle-user'), sessionId: pseudonym('session', 'bundle-session') });
    expect(texts).not.toContain('bundle-user');
  });

  it('keeps the raw user id in the EMF properties, where operators need it', () => {
    expect(parseEmf(run.stdout).map((doc) => doc.root.userId)).toContain('bundle-user');
  });

  it('refuses to start when capture is on and no pseudonym key is configured', async () => {
    // Act
    const unkeyed = await runBundle(bundle, [{ question: 'hi' }], bundleEnv({ SAMPLE_PSEUDONYM_KEY_SECRET_ID: '' }));

    // Assess
    expect(unkeyed.results[0].initError).toContain(
      'SAMPLES_TABLE_NAME is set but user and session ids have no pseudonym key: set SAMPLE_PSEUDONYM_KEY_SECRET_ID',
    );
  });
});
