import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { ConverseCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

/** A raw local endpoint for Bedrock Runtime calls: it answers (or not) as its handler says. */
export interface WireEndpoint {
  readonly endpoint: string;
  /** Requests (HTTP/1.1) or streams (HTTP/2) received so far. */
  readonly received: () => number;
  /** Destroys every open connection, as a crashed load balancer would. */
  readonly resetConnections: () => void;
  close(): Promise<void>;
}

/** What an HTTP/2 endpoint does with one stream. */
export type StreamBehaviour = (stream: ServerHttp2Stream, endpoint: WireEndpoint) => void;
/** What an HTTP/1.1 endpoint does with one request. */
export type RequestBehaviour = (request: IncomingMessage, response: ServerResponse, endpoint: WireEndpoint) => void;

/** A cleartext HTTP/2 (h2c) endpoint, the protocol the SDK speaks to an `http://` Bedrock endpoint. */
export async function startHttp2Endpoint(behaviour: StreamBehaviour): Promise<WireEndpoint> {
  const server = createHttp2Server();
  const wire = await track(server);
  server.on('stream', (stream) => {
    wire.count++;
    stream.on('error', () => undefined);
    behaviour(stream, wire.endpoint);
  });
  return wire.endpoint;
}

/** A plain HTTP/1.1 endpoint. */
export async function startHttp1Endpoint(behaviour: RequestBehaviour): Promise<WireEndpoint> {
  const server = createHttp1Server();
  const wire = await track(server);
  server.on('request', (request, response) => {
    wire.count++;
    behaviour(request, response, wire.endpoint);
  });
  return wire.endpoint;
}

type AnyServer = ReturnType<typeof createHttp1Server> | ReturnType<typeof createHttp2Server>;

async function track(server: AnyServer): Promise<{ count: number; endpoint: WireEndpoint }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state = { count: 0 } as { count: number; endpoint: WireEndpoint };
  const resetConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  state.endpoint = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => state.count,
    resetConnections,
    close: () =>
      new Promise<void>((resolve) => {
        resetConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

/** Sends headers, then one space a tick for ever: activity that keeps every idle timer quiet. */
export function trickle(write: (chunk: string) => boolean, isDone: () => boolean, everyMs = 50): void {
  const timer = setInterval(() => {
    if (isDone()) clearInterval(timer);
    else write(' ');
  }, everyMs);
}

/** A Converse reply as Bedrock sends it. */
export const CONVERSE_REPLY = {
  output: { message: { role: 'assistant', content: [{ text: 'Paris.' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
  metrics: { latencyMs: 5 },
};

/** A Bedrock error reply: the exception name in `x-amzn-errortype`, its message in the body. */
export function errorReply(status: number, exception: string, message: string) {
  return {
    headers: { ':status': status, 'content-type': 'application/json', 'x-amzn-errortype': exception, 'x-amzn-requestid': 'req-test-1' },
    body: JSON.stringify({ message }),
  };
}

export const TEST_MODEL = 'amazon.nova-lite-v1:0';

/** One Converse call of `client` to TEST_MODEL. */
export function converse(client: BedrockRuntimeClient, options?: { abortSignal?: AbortSignal }) {
  return client.send(new ConverseCommand({ modelId: TEST_MODEL, messages: [{ role: 'user', content: [{ text: 'Capital of France?' }] }] }), options);
}

/**
 * Jest runs tests in a vm realm where errors thrown by Node's own http, http2 and net modules
 * are not `instanceof Error`; the SDK's retry middleware then replaces them with a bare
 * "AWS SDK error wrapper for ..." that has lost its name and code. In Lambda they are ordinary
 * errors, so copy them into this realm where they leave the client's request handler.
 */
export function withProductionLikeErrors(client: BedrockRuntimeClient): BedrockRuntimeClient {
  const handler = client.config.requestHandler;
  const handle = handler.handle.bind(handler);
  handler.handle = ((...args: Parameters<typeof handle>) =>
    handle(...args).catch((error: unknown) => {
      throw copyIntoThisRealm(error);
    })) as typeof handler.handle;
  return client;
}

function copyIntoThisRealm(error: any): unknown {
  if (typeof error !== 'object' || error === null || error instanceof Error) return error;
  const copy = new Error(error.message, { cause: copyIntoThisRealm(error.cause) });
  return Object.assign(copy, { name: error.name, code: error.code });
}

const ENV_KEYS = [
  'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
] as const;

/**
 * Points the SDK at `endpoint` through its own `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, with test
 * credentials and a region; returns the function that puts the environment back.
 */
export function useBedrockEndpoint(endpoint: string, region = 'us-east-1'): () => void {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    AWS_SECRET_ACCESS_KEY: 'local-test-secret',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
}
