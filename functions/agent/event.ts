import { InvalidInputError } from '../shared/errors/agent-errors';

/** The invoke contract's request (DESIGN.md). */
export interface AgentRequest {
  readonly question: string;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly feature?: string;
}

/** An HTTP event from a Function URL or API Gateway (payload v1 or v2), as far as we read it. */
export interface HttpEvent {
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly httpMethod?: string;
  readonly requestContext?: { readonly http?: { readonly method?: string } };
}

export type AgentEvent = HttpEvent | Record<string, unknown>;

export const MAX_QUESTION_CHARS = 16_000;
const MAX_ID_CHARS = 256;
const OPTIONAL_FIELDS = ['userId', 'sessionId', 'feature'] as const;
const ALLOWED_FIELDS = new Set<string>(['question', ...OPTIONAL_FIELDS]);
/**
 * A character that shows: not white space, a control or format character (zero-width space,
 * joiners, direction marks, BOM), a default-ignorable one (variation selectors, fillers,
 * tags), a lone surrogate or an unassigned code point, nor the blank braille pattern.
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** True for Function URL and API Gateway events; their reply is an HTTP response. */
export function isHttpEvent(event: unknown): event is HttpEvent {
  if (!event || typeof event !== 'object') return false;
  const candidate = event as Record<string, unknown>;
  const context = candidate.requestContext as Record<string, unknown> | undefined;
  return typeof candidate.httpMethod === 'string' || (typeof context === 'object' && context !== null && 'http' in context);
}

/**
 * Validates an agent event, direct or HTTP, and returns the request it carries. Every
 * problem is an InvalidInputError whose message says what was wrong.
 */
export function parseAgentEvent(event: unknown, maxBodyBytes: number): AgentRequest {
  if (isHttpEvent(event)) return parseRequest(parseHttpBody(event, maxBodyBytes));
  if (event === null || event === undefined) throw new InvalidInputError('the event is empty; send {"question": "..."}');
  const size = Buffer.byteLength(safeStringify(event), 'utf8');
  if (size > maxBodyBytes) throw new InvalidInputError(`the event is ${size} bytes; the limit is ${maxBodyBytes} bytes`);
  return parseRequest(event);
}

function parseHttpBody(event: HttpEvent, maxBodyBytes: number): unknown {
  const method: unknown = event.requestContext?.http?.method ?? event.httpMethod;
  if (method !== undefined && method !== null && typeof method !== 'string') {
    throw new InvalidInputError(`the HTTP method must be a string, got ${describe(method)}; POST a JSON body {"question": "..."}`);
  }
  if (method && method.toUpperCase() !== 'POST') {
    throw new InvalidInputError(`method ${method} is not supported; POST a JSON body {"question": "..."}`);
  }
  if (event.body === undefined || event.body === null || event.body === '') {
    throw new InvalidInputError('the request body is empty; POST a JSON body {"question": "..."}');
  }
  if (typeof event.body !== 'string') throw new InvalidInputError('the request body must be a JSON string');
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > maxBodyBytes) {
    throw new InvalidInputError(`the request body is ${raw.length} bytes; the limit is ${maxBodyBytes} bytes`);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new InvalidInputError(`the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function parseRequest(value: unknown): AgentRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`the request must be a JSON object like {"question": "..."}, got ${describe(value)}`);
  }
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !ALLOWED_FIELDS.has(key));
  if (unknown.length > 0) {
    throw new InvalidInputError(`unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}; allowed: ${[...ALLOWED_FIELDS].join(', ')}`);
  }
  const question = fields.question;
  if (question === undefined) throw new InvalidInputError('"question" is required');
  if (typeof question !== 'string') throw new InvalidInputError(`"question" must be a string, got ${describe(question)}`);
  if (!VISIBLE.test(question)) throw new InvalidInputError('"question" must not be empty (it has no visible character)');
  if (question.length > MAX_QUESTION_CHARS) {
    throw new InvalidInputError(`"question" is ${question.length} characters; the limit is ${MAX_QUESTION_CHARS}`);
  }
  const request: { -readonly [K in keyof AgentRequest]: AgentRequest[K] } = { question };
  for (const field of OPTIONAL_FIELDS) {
    const fieldValue = fields[field];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (typeof fieldValue !== 'string') throw new InvalidInputError(`"${field}" must be a string, got ${describe(fieldValue)}`);
    if (fieldValue.length > MAX_ID_CHARS) {
      throw new InvalidInputError(`"${field}" is ${fieldValue.length} characters; the limit is ${MAX_ID_CHARS}`);
    }
    if (fieldValue !== '') request[field] = fieldValue;
  }
  return request;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    throw new InvalidInputError('the event cannot be read as JSON');
  }
}
