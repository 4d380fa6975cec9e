import { loadAgentConfig } from '../../../../functions/agent/config';
import { pseudonymizerFromConfig } from '../../../../functions/shared/capture/pseudonym-key';
import { Pseudonymizer } from '../../../../functions/shared/capture/pseudonym';
import { startAwsStandIn, secretsManagerHandlers, type AwsStandIn } from '../../../support/aws-stand-in';
import { LOCAL_AWS } from '../../../support/dynalite';

const KEY_SECRET = 'agent/sample-pseudonym-key';
const SHORT_SECRET = 'agent/short-key';
const SECRET_KEY = 'Zq4'.repeat(22);
const CAPTURE = { OPENAI_API_KEY: 'sk-test', SAMPLES_TABLE_NAME: 'samples' };

describe('the pseudonym key in the agent configuration', () => {
  it('refuses capture in Lambda without a key, naming the settings', () => {
    expect(() => loadAgentConfig({ ...CAPTURE, AWS_LAMBDA_FUNCTION_NAME: 'agent' })).toThrow(
      'SAMPLES_TABLE_NAME is set but user and session ids have no pseudonym key: set SAMPLE_PSEUDONYM_KEY_SECRET_ID',
    );
  });

  it('refuses a SAMPLE_PSEUDONYM_KEY shorter than 32 characters', () => {
    expect(() => loadAgentConfig({ ...CAPTURE, SAMPLE_PSEUDONYM_KEY: 'secret' })).toThrow(
      'SAMPLE_PSEUDONYM_KEY must be at least 32 characters (a random secret), got 6',
    );
  });

  it.each([
    ['a key', { SAMPLE_PSEUDONYM_KEY: 'k'.repeat(32), AWS_LAMBDA_FUNCTION_NAME: 'agent' }],
    ['a secret id', { SAMPLE_PSEUDONYM_KEY_SECRET_ID: KEY_SECRET, AWS_LAMBDA_FUNCTION_NAME: 'agent' }],
    ['no key outside Lambda (a random key per process)', {}],
    ['no key without capture', { SAMPLES_TABLE_NAME: undefined, AWS_LAMBDA_FUNCTION_NAME: 'agent' }],
  ])('accepts %s', (_name, env) => {
    expect(() => loadAgentConfig({ ...CAPTURE, ...env })).not.toThrow();
  });
});

describe('pseudonymizerFromConfig', () => {
  let secrets: AwsStandIn;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    secrets = await startAwsStandIn(secretsManagerHandlers({ [KEY_SECRET]: `${SECRET_KEY}\n`, [SHORT_SECRET]: 'too-short' }));
    Object.assign(process.env, {
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    });
  });

  afterAll(async () => {
    process.env = savedEnv;
    await secrets?.close();
  });

  it('uses SAMPLE_PSEUDONYM_KEY as is', async () => {
    // Act
    const pseudonym = await pseudonymizerFromConfig({ samplePseudonymKey: 'k'.repeat(32) }).pseudonymize('user', 'jane@example.com');

    // Assess
    expect(pseudonym).toBe('user_c7aa864c706f8683952181f03b857a77');
  });

  it('reads the key from Secrets Manager once, when the first id is pseudonymized', async () => {
    // Prepare
    const pseudonyms = pseudonymizerFromConfig({ samplePseudonymKeySecretId: KEY_SECRET });
    const callsBefore = secrets.calls.length;

    // Act
    const first = await pseudonyms.pseudonymize('user', 'u-1');
    const second = await pseudonyms.pseudonymize('user', 'u-2');

    // Assess
    expect(secrets.calls.slice(callsBefore).map((call) => call.body.SecretId)).toEqual([KEY_SECRET]);
    expect(first).toBe(await Pseudonymizer.withKey(SECRET_KEY).pseudonymize('user', 'u-1'));
    expect(second).not.toBe(first);
  });

  it('refuses a secret too short to be a key, naming it', async () => {
    // Act & Assess
    await expect(pseudonymizerFromConfig({ samplePseudonymKeySecretId: SHORT_SECRET }).pseudonymize('user', 'u-1')).rejects.toThrow(
      `secret ${SHORT_SECRET} (the sample pseudonym key) must be at least 32 characters (a random secret), got 9`,
    );
  });

  it('falls back to a random key of this process when none is configured (local runs)', async () => {
    // Act
    const [a, b] = [pseudonymizerFromConfig({}), pseudonymizerFromConfig({})];

    // Assess
    expect(await a.pseudonymize('user', 'u-1')).toMatch(/^user_[0-9a-f]{32}$/);
    expect(await a.pseudonymize('user', 'u-1')).not.toBe(await b.pseudonymize('user', 'u-1'));
  });
});
