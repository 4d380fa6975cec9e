import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
const PREFIX = '{"id":"chatcmpl-bomb","object":"chat.completion","created":0,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"';
const SUFFIX = '"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}';

/**
 * A 200 chat completion sent gzip-compressed (`content-encoding: gzip`) whose body expands to
 * about `decodedBytes`: a compression bomb. The body is compressed as it is sent, only as far
 * as the client reads it, so a client that stops reading stops the server too.
 */
export async function sendGzipBomb(res: ServerResponse, decodedBytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  const chunks = Math.ceil(Math.max(0, decodedBytes - PREFIX.length - SUFFIX.length) / CHUNK.length);
  async function* body() {
    yield Buffer.from(PREFIX);
    for (let index = 0; index < chunks; index += 1) yield CHUNK;
    yield Buffer.from(SUFFIX);
  }
  await pipeline(Readable.from(body()), createGzip({ level: constants.Z_BEST_SPEED }), res).catch(() => undefined);
}

/** A redirect (307 by default, which keeps the method and body) to `location`, with no body. */
export function sendRedirect(res: ServerResponse, location: string, status = 307): void {
  res.writeHead(status, { location, 'content-length': '0' });
  res.end();
}
