import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledgeUnrotatedPseudonymKey } from './compliance-notes';

/** Length of the generated key: 64 letters and digits, about 380 bits. */
const PSEUDONYM_KEY_LENGTH = 64;

/**
 * A Secrets Manager secret holding a random key generated at deployment, for the HMAC that
 * pseudonymizes user and session ids in samples (functions/shared/capture/pseudonym.ts). The
 * secret string is the bare key. It is never rotated: a new key would make the samples of
 * one user unlinkable with the older ones.
 */
export function samplePseudonymKeySecret(scope: Construct, id: string, serviceName: string): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, id, {
    description: `${serviceName}: key of the user and session id pseudonyms in samples kept for judging`,
    generateSecretString: { passwordLength: PSEUDONYM_KEY_LENGTH, excludePunctuation: true, includeSpace: false },
  });
  acknowledgeUnrotatedPseudonymKey(secret);
  return secret;
}
