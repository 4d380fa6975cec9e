import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_AWS } from '../dynamo/embedded-dynamodb';

/** What dynalite requires of an Authorization header (its shape, never its signature). */
const UNSIGNED_AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=unsigned';
const UNSIGNED_DATE = '20260101T000000Z';

/**
 * The document client a simulation's agent, sample capture and judge share, pointed at the
 * run's own dynalite. Requests go unsigned: dynalite checks no signature, and SigV4 (a SHA-256
 * of every body plus four HMACs per request) is a cost of the simulator, not of the code it
 * runs, that took about a tenth of a run's time at SAMPLE_RATE 0.1; each request carries a
 * fixed header of the shape dynalite requires instead. Everything else is the SDK as the Lambda
 * uses it: the same commands, marshalling, retries and HTTP.
 *
 * @example
 * const doc = simulationDocumentClient(dynamo.endpoint);
 * // ... the run ...
 * doc.destroy();
 */
export function simulationDocumentClient(endpoint: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint, signer: { sign: unsigned } });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

async function unsigned<T extends { headers: Record<string, string> }>(request: T): Promise<T> {
  request.headers.authorization = UNSIGNED_AUTHORIZATION;
  request.headers['x-amz-date'] = UNSIGNED_DATE;
  return request;
}
