import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

/** A request from either protocol, with the compatibility API both share. */
export type AnyRequest = IncomingMessage | Http2ServerRequest;
/** A response of either protocol. */
export type AnyResponse = ServerResponse | Http2ServerResponse;

/** A server answering HTTP/1.1 and cleartext HTTP/2 (h2c, prior knowledge) on the same port. */
export interface DualProtocolServer {
  readonly port: number;
  /** Destroys the TCP connection a request came in on (both protocols). */
  destroyConnection(req: AnyRequest): void;
  /** Stops listening and destroys every connection, hung HTTP/2 sessions included. */
  close(): Promise<void>;
}

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/**
 * Listens on one port and hands each connection to an HTTP/2 or an HTTP/1.1 server, chosen from
 * its first bytes: the HTTP/2 client preface (`PRI * HTTP/2.0`) or anything else.
 */
export async function listenDualProtocol(
  handler: (req: AnyRequest, res: AnyResponse) => void,
  options: { readonly port: number; readonly host: string },
): Promise<DualProtocolServer> {
  const http1 = createHttp1Server(handler);
  const http2 = createHttp2Server(handler);
  const sockets = new Set<Socket>();
  const sessionSockets = new WeakMap<Http2Session, Socket>();
  let handingOver: Socket | undefined;
  http2.on('session', (session) => {
    if (handingOver) sessionSockets.set(session, handingOver);
  });
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    void peekPreface(socket).then((isHttp2) => {
      if (socket.destroyed) return;
      if (!isHttp2) {
        http1.emit('connection', socket);
        return void socket.resume();
      }
      handingOver = socket;
      http2.emit('connection', socket);
      handingOver = undefined;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    destroyConnection: (req) => {
      const socket = 'stream' in req ? sessionSockets.get(req.stream.session as Http2Session) : req.socket;
      socket?.destroy();
    },
    close: () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return stopped;
    },
  };
}

/** Reads until the first bytes tell the protocol, then puts them back for the chosen server. */
function peekPreface(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      const head = Buffer.concat(chunks);
      const compared = Math.min(head.length, HTTP2_PREFACE.length);
      const matches = head.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
      if (matches && head.length < HTTP2_PREFACE.length) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      socket.unshift(head);
      resolve(matches);
    };
    const onClose = () => resolve(false);
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}
