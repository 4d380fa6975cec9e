import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One AWS API call as the SDK sent it. */
export interface RecordedCall {
  readonly operation: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
}

export type OperationHandler = (body: any) => { status?: number; body: unknown };

export interface AwsStandIn {
  readonly endpoint: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * A local endpoint for AWS JSON-protocol services (Secrets Manager, ...), reached through
 * the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables. It records every call and answers
 * with the handler registered for the operation (the `X-Amz-Target` suffix).
 */
export async function startAwsStandIn(handlers: Record<string, OperationHandler>): Promise<AwsStandIn> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.split('.').pop() ?? '';
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        // not JSON: recorded as text
      }
      calls.push({ operation, headers: request.headers, body });
      const handler = handlers[operation];
      const reply = handler
        ? handler(body)
        : { status: 400, body: { __type: 'UnknownOperationException', message: `stand-in has no handler for ${operation}` } };
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(reply.body));
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
