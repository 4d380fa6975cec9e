import type { Readable } from 'node:stream';

/** A request's whole body as text (what arrived, if the request fails midway); for the stand-ins' HTTP/1.1 and HTTP/2 requests alike. */
export function readBody(req: Readable): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The body parsed as JSON, the raw text when it is not JSON, undefined when empty: stand-ins record what they got. */
export function parseJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
