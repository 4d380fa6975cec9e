import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: any;
}

/** What the receiver does with a request: answer a status, or never answer. */
export type Reply = number | 'hang';

/** A local HTTP endpoint standing in for Slack and PagerDuty: it records every request. */
export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): ReceivedRequest[];
  /** The next replies for paths starting with `prefix`; once used up, `fallback` (200). */
  plan(prefix: string, replies: Reply[], fallback?: Reply): void;
  /** Forgets requests and plans. */
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let plans: { prefix: string; replies: Reply[]; fallback: Reply }[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', path, headers: request.headers, body: text ? JSON.parse(text) : undefined });
      const plan = plans.find((candidate) => path.startsWith(candidate.prefix));
      const reply = plan ? (plan.replies.shift() ?? plan.fallback) : 200;
      if (reply === 'hang') {
        hanging.push(response);
        return;
      }
      response.writeHead(reply, { 'content-type': 'text/plain' });
      response.end(reply < 300 ? 'ok' : 'failure');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    to: (prefix) => requests.filter((request) => request.path.startsWith(prefix)),
    plan: (prefix, replies, fallback = 200) => {
      plans = [{ prefix, replies: [...replies], fallback }, ...plans.filter((candidate) => candidate.prefix !== prefix)];
    },
    reset: () => {
      requests.length = 0;
      plans = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((response) => response.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
