import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import {
  categoryInfo,
  FIXED_ERROR_CATEGORIES,
  type ErrorCategory,
} from '../../../../lib/catalog/error-categories';
import {
  AgentTimeoutError,
  BudgetExceededError,
  CategorizedError,
  InvalidInputError,
  ReplyValidationError,
} from '../../../../functions/shared/errors/agent-errors';
import { classifyError } from '../../../../functions/shared/errors/classify';
import {
  startSimulatedOpenAI,
  type FakeReply,
  type SimulatedOpenAIServer,
} from '../../../../local/llm/simulated-openai-server';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const API_KEY = 'sk-test-0123456789abcdefSECRET';

let server: SimulatedOpenAIServer;
let client: OpenAI;

/**
 * Jest runs tests in a vm realm where errors thrown by Node's native fetch are not
 * `instanceof Error`; the SDK then turns its own timeout (an AbortError) into a plain
 * connection error. In Lambda they are ordinary errors, so copy them into this realm.
 */
function copyIntoThisRealm(error: any): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const copy = new Error(error.message, { cause: copyIntoThisRealm(error.cause) });
  return Object.assign(copy, { name: error.name, code: error.code });
}

const productionLikeFetch: typeof fetch = (input, init) =>
  fetch(input, init).catch((error) => {
    throw copyIntoThisRealm(error);
  });

function sdkClient(options: { timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: server.baseUrl, apiKey: API_KEY, maxRetries: 0, timeout: options.timeout ?? 5_000, fetch: productionLikeFetch });
}

beforeEach(async () => {
  server = await startSimulatedOpenAI();
  client = sdkClient();
});

afterEach(async () => {
  await server.close();
});

function ask(target: OpenAI = client, options?: { signal?: AbortSignal }) {
  return target.chat.completions.create(
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] },
    options,
  );
}

async function errorOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call was expected to fail');
}

async function classifyReply(reply: FakeReply) {
  server.enqueue(reply);
  return classifyError(await errorOf(ask()));
}

describe('classifyError with the real OpenAI SDK', () => {
  it.each<[number, ErrorCategory, string]>([
    [400, 'bad_request', 'OpenAI rejected the request as invalid (HTTP 400)'],
    [401, 'auth_error', 'OpenAI rejected the API key (HTTP 401)'],
    [403, 'auth_error', 'OpenAI refused access for this API key (HTTP 403)'],
    [404, 'api_error_404', 'OpenAI answered HTTP 404'],
    [409, 'api_error_409', 'OpenAI answered HTTP 409'],
    [422, 'bad_request', 'OpenAI could not process the request (HTTP 422)'],
    [429, 'rate_limit', 'OpenAI rate-limited the request (HTTP 429)'],
    [500, 'provider_error', 'OpenAI failed with a server error (HTTP 500)'],
    [502, 'provider_error', 'OpenAI failed with a server error (HTTP 502)'],
    [503, 'service_unavailable', 'OpenAI is unavailable (HTTP 503)'],
    [504, 'timeout', 'OpenAI timed out at its gateway (HTTP 504)'],
  ])('HTTP %i is classified %s', async (status, category, prefix) => {
    // Prepare
    const body = { error: { message: `provider says ${status}`, type: 'test', code: null } };

    // Act
    const result = await classifyReply({ kind: 'status', status, body });

    // Assess
    expect(result).toEqual({ category, status, message: `${prefix}: provider says ${status}` });
  });

  it('keeps the provider text when the error body is not JSON', async () => {
    // Act
    const result = await classifyReply({ kind: 'status', status: 502, body: 'Bad gateway from the proxy' });

    // Assess
    expect(result.message).toBe('OpenAI failed with a server error (HTTP 502): Bad gateway from the proxy');
  });

  it('never repeats the API key, even when the provider echoes it', async () => {
    // Prepare
    const body = { error: { message: `Incorrect API key provided: ${API_KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } };

    // Act
    const result = await classifyReply({ kind: 'status', status: 401, body });

    // Assess
    expect(result.category).toBe('auth_error');
    expect(result.message).not.toContain(API_KEY);
    expect(result.message).toContain('Incorrect API key provided: sk-***');
  });

  it('classifies a client-side timeout as timeout, not network_error', async () => {
    // Prepare
    const impatient = sdkClient({ timeout: 100 });
    server.enqueue({ kind: 'hang' });

    // Act
    const result = classifyError(await errorOf(ask(impatient)));

    // Assess
    expect(result.category).toBe('timeout');
    expect(result.message).toMatch(/timed out/);
    expect(result.status).toBeUndefined();
  });

  it('classifies a connection reset as network_error', async () => {
    // Act
    const result = await classifyReply({ kind: 'reset' });

    // Assess
    expect(result.category).toBe('network_error');
    expect(result.message).toMatch(/^Could not reach OpenAI/);
  });

  it('classifies a refused connection as network_error', async () => {
    // Prepare
    await server.close();

    // Act
    const result = classifyError(await errorOf(ask()));

    // Assess
    expect(result.category).toBe('network_error');
    expect(result.message).toMatch(/Could not reach OpenAI \(ECONNREFUSED\): connect ECONNREFUSED/);
  });

  it('classifies a refused connection from an SDK client with its default fetch', async () => {
    // Prepare
    const plain = new OpenAI({ baseURL: server.baseUrl, apiKey: API_KEY, maxRetries: 0 });
    await server.close();

    // Act
    const result = classifyError(await errorOf(ask(plain)));

    // Assess
    expect(result.category).toBe('network_error');
    expect(result.message).toContain('connect ECONNREFUSED');
  });

  it('classifies a malformed JSON reply as validation_error', async () => {
    // Act
    const result = await classifyReply({ kind: 'malformed' });

    // Assess
    expect(result.category).toBe('validation_error');
    expect(result.message).toMatch(/^The LLM reply could not be parsed as JSON: /);
  });

  it('classifies an abort through AbortSignal as agent_timeout', async () => {
    // Prepare
    server.enqueue({ kind: 'hang' });
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(), 50);

    // Act
    const result = classifyError(await errorOf(ask(client, { signal: deadline.signal })));

    // Assess
    expect(result.category).toBe('agent_timeout');
    expect(result.message).toMatch(/deadline/);
  });
});

describe('classifyError without the SDK', () => {
  it.each<[CategorizedError, ErrorCategory]>([
    [new InvalidInputError('question must be a non-empty string'), 'invalid_input'],
    [new BudgetExceededError('daily budget of $5.00 reached', 'service'), 'budget_exceeded'],
    [new AgentTimeoutError('agent deadline of 25000 ms passed'), 'agent_timeout'],
    [new ReplyValidationError('the model returned no choices'), 'validation_error'],
    [new CategorizedError('api_error_418', 'teapot'), 'api_error_418'],
  ])('keeps the category of %p', (error, category) => {
    // Act
    const result = classifyError(error);

    // Assess
    expect(result).toEqual({ category, message: error.message });
  });

  it.each<[string, ErrorCategory]>([
    ['ETIMEDOUT', 'timeout'],
    ['ECONNRESET', 'network_error'],
    ['ECONNREFUSED', 'network_error'],
    ['ENOTFOUND', 'network_error'],
    ['EPIPE', 'network_error'],
    ['EAI_AGAIN', 'network_error'],
  ])('classifies Node error code %s as %s, also when wrapped as cause', (code, category) => {
    // Prepare
    const nodeError = Object.assign(new Error(`socket failed with ${code}`), { code });
    const wrapped = new Error('fetch failed', { cause: nodeError });

    // Act
    const direct = classifyError(nodeError);
    const viaCause = classifyError(wrapped);

    // Assess
    expect(direct.category).toBe(category);
    expect(viaCause.category).toBe(category);
    expect(viaCause.message).toContain(`(${code}): socket failed with ${code}`);
  });

  it('classifies a plain Error as unknown_error with its message', () => {
    // Act
    const result = classifyError(new Error('something odd'));

    // Assess
    expect(result).toEqual({ category: 'unknown_error', message: 'Unexpected error: Error: something odd' });
  });

  it.each([undefined, null, 42, 'text', { weird: true }])('never returns an undefined message for %p', (value) => {
    // Act
    const result = classifyError(value);

    // Assess
    expect(result.category).toBe('unknown_error');
    expect(typeof result.message).toBe('string');
    expect(result.message.length).toBeGreaterThan('Unexpected error: '.length);
  });
});

describe('error category catalog', () => {
  const categories: ErrorCategory[] = [...FIXED_ERROR_CATEGORIES, 'api_error_404', 'api_error_409'];

  it.each(categories)('%s has a severity, an HTTP status and a runbook on disk', (category) => {
    // Act
    const info = categoryInfo(category);

    // Assess
    expect(['critical', 'warning', 'info']).toContain(info.severity);
    expect(info.httpStatus).toBeGreaterThanOrEqual(400);
    expect(existsSync(join(REPO_ROOT, info.runbook))).toBe(true);
  });

  it('pages for the categories that need a human now', () => {
    // Assess
    expect(categoryInfo('auth_error').severity).toBe('critical');
    expect(categoryInfo('budget_exceeded').severity).toBe('critical');
    expect(categoryInfo('invalid_input').severity).toBe('info');
    expect(categoryInfo('api_error_404').runbook).toBe('docs/runbooks/errors/api-error.md');
  });
});
