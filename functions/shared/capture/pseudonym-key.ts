import { getBoundedSecret } from '../aws/bounded-client';
import type { EnvReader } from '../config';
import { registerSecret } from '../errors/classify';
import { checkPseudonymKey, MIN_PSEUDONYM_KEY_LENGTH, Pseudonymizer } from './pseudonym';

/** How long a key read from Secrets Manager is cached before it is read again. */
export const PSEUDONYM_KEY_CACHE_SECONDS = 300;

/** Where the sample pseudonym key comes from (SAMPLE_PSEUDONYM_KEY, SAMPLE_PSEUDONYM_KEY_SECRET_ID). */
export interface PseudonymKeyConfig {
  /** The key itself (local runs, tests). */
  readonly samplePseudonymKey?: string;
  /** The Secrets Manager secret holding the key (in AWS: the one the stack generates). */
  readonly samplePseudonymKeySecretId?: string;
}

/**
 * Reads the pseudonym key settings. In Lambda (AWS_LAMBDA_FUNCTION_NAME set) capture
 * (SAMPLES_TABLE_NAME) needs one of them: a key that changed with every cold start would make
 * the samples of one user unlinkable, and a silent default would not be secret.
 */
export function readPseudonymKeyConfig(read: EnvReader, captureOn: boolean): PseudonymKeyConfig {
  const config = {
    samplePseudonymKey: read.optionalString('SAMPLE_PSEUDONYM_KEY'),
    samplePseudonymKeySecretId: read.optionalString('SAMPLE_PSEUDONYM_KEY_SECRET_ID'),
  };
  if (config.samplePseudonymKey !== undefined && config.samplePseudonymKey.length < MIN_PSEUDONYM_KEY_LENGTH) {
    read.problems.push(
      `SAMPLE_PSEUDONYM_KEY must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters (a random secret), got ${config.samplePseudonymKey.length}`,
    );
  }
  const inLambda = read.optionalString('AWS_LAMBDA_FUNCTION_NAME') !== undefined;
  if (captureOn && inLambda && !config.samplePseudonymKey && !config.samplePseudonymKeySecretId) {
    read.problems.push(
      'SAMPLES_TABLE_NAME is set but user and session ids have no pseudonym key: set SAMPLE_PSEUDONYM_KEY_SECRET_ID ' +
        '(the Secrets Manager secret the stack generates) or SAMPLE_PSEUDONYM_KEY (at least 32 random characters)',
    );
  }
  return config;
}

/**
 * The pseudonymizer of the configured key: SAMPLE_PSEUDONYM_KEY when set, else the secret
 * SAMPLE_PSEUDONYM_KEY_SECRET_ID (read when the first sample is kept, cached, through the bounded
 * Secrets Manager client), else a random
 * key of this process (local runs only: readPseudonymKeyConfig refuses this in Lambda).
 */
export function pseudonymizerFromConfig(config: PseudonymKeyConfig): Pseudonymizer {
  if (config.samplePseudonymKey) return Pseudonymizer.withKey(config.samplePseudonymKey);
  const secretId = config.samplePseudonymKeySecretId;
  if (!secretId) return Pseudonymizer.ephemeral();
  return new Pseudonymizer(async () => {
    const secret = await getBoundedSecret(secretId, PSEUDONYM_KEY_CACHE_SECONDS);
    const key = typeof secret === 'string' ? secret.trim() : '';
    checkPseudonymKey(key, `secret ${secretId} (the sample pseudonym key)`);
    registerSecret(key);
    return key;
  });
}
