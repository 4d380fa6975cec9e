import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One AWS API call as the SDK sent it. */
export interface RecordedCall {
  readonly operation: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
}

/**
 * Answers one operation. `body` is sent as JSON, unless `contentType` is given and `body` is a
 * string (an awsQuery service answers XML).
 */
export type OperationHandler = (body: any) => { status?: number; body: unknown; contentType?: string };

export interface AwsStandIn {
  readonly endpoint: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * A local endpoint for AWS JSON-protocol services (Secrets Manager, ...), reached through
 * the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables. It records every call and answers
 * with the handler registered for the operation (the `X-Amz-Target` suffix).
 *
 * It also speaks what other SDK clients send: a gzip-compressed body (`Content-Encoding:
 * gzip`, which the CloudWatch client uses for large PutMetricData calls) is decompressed, and
 * an awsQuery form (`application/x-www-form-urlencoded`, e.g. SNS) is decoded into its flat
 * parameters, the operation being its `Action`.
 */
export async function startAwsStandIn(handlers: Record<string, OperationHandler>): Promise<AwsStandIn> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { operation, body } = decodeRequest(request, Buffer.concat(chunks));
      calls.push({ operation, headers: request.headers, body });
      const handler = handlers[operation];
      const reply = handler
        ? handler(body)
        : { status: 400, body: { __type: 'UnknownOperationException', message: `stand-in has no handler for ${operation}` } };
      const raw = reply.contentType !== undefined && typeof reply.body === 'string';
      response.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/x-amz-json-1.1' });
      response.end(raw ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function decodeRequest(request: IncomingMessage, payload: Buffer): { operation: string; body: unknown } {
  const encoding = String(request.headers['content-encoding'] ?? '');
  const text = (encoding.includes('gzip') ? gunzipSync(payload) : payload).toString('utf8');
  if (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    return { operation: form.Action ?? '', body: form };
  }
  const target = String(request.headers['x-amz-target'] ?? '');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: recorded as text
  }
  return { operation: target.split('.').pop() ?? '', body };
}

/** A Secrets Manager stand-in holding the given secrets by name. */
export function secretsManagerHandlers(secrets: Record<string, string>): Record<string, OperationHandler> {
  return {
    GetSecretValue: (body) => {
      const value = secrets[body.SecretId];
      if (value === undefined) {
        return { status: 400, body: { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` } };
      }
      return {
        body: {
          ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${body.SecretId}`,
          Name: body.SecretId,
          SecretString: value,
          VersionId: 'v1',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1_700_000_000,
        },
      };
    },
  };
}
