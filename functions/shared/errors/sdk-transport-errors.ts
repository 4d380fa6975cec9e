import { innermostMessage, isNamed, MAX_CAUSE_DEPTH, type ClassifiedError } from './error-text';
import { findNodeCode, NODE_ERROR_CODES } from './node-errors';

/** Who made the call, in the words a message uses: `The call to Bedrock model X`, `Bedrock`. */
export interface CallSubject {
  readonly call: string;
  readonly service: string;
}

/**
 * The category of a transport failure thrown by the AWS SDK's Node request handlers
 * (@smithy/node-http-handler), or `undefined` for any other error. The error code is read
 * before the name: the HTTP/1.1 handler names a reset socket `TimeoutError` (code
 * `ECONNRESET`), and the HTTP/2 handler names a session closed before the reply
 * `TimeoutError` too, with no code at all.
 */
export function classifySdkTransport(error: unknown, subject: CallSubject): ClassifiedError | undefined {
  const coded = findNodeCode(error);
  if (coded) {
    const detail = firstLine(coded.message);
    if (NODE_ERROR_CODES[coded.code] === 'timeout') {
      return { category: 'timeout', message: `${subject.call} timed out (${coded.code}): ${detail}` };
    }
    return { category: 'network_error', message: `${subject.call} could not reach ${subject.service} (${coded.code}): ${detail}` };
  }
  if (typeof error !== 'object' || error === null) return undefined;
  const detail = firstLine(innermostMessage(error as Error));
  const http2Code = findHttp2Code(error);
  if (http2Code) {
    return { category: 'network_error', message: `${subject.call} lost its HTTP/2 connection to ${subject.service} (${http2Code}): ${detail}` };
  }
  if (!isNamed(error, 'TimeoutError')) return undefined;
  if (/did not get a response/.test(detail)) {
    return { category: 'network_error', message: `${subject.call} lost its connection to ${subject.service} before the reply: ${detail}` };
  }
  return { category: 'timeout', message: `${subject.call} timed out (TimeoutError): ${detail}` };
}

function findHttp2Code(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_HTTP2_')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The SDK appends hints on further lines ("Deserialization error: to see the raw response..."). */
function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}
