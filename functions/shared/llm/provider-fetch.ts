import { CategorizedError, ReplyValidationError } from '../errors/agent-errors';

/**
 * The most a provider reply may weigh once decoded (gzip, deflate, br): a compressed body
 * that expands past it is refused while it is read, so it never fills the function's memory.
 * It is far above any real reply, and above the answer cap (MAX_ANSWER_BYTES), so a long
 * answer is cut and served rather than refused.
 */
export const MAX_PROVIDER_REPLY_BYTES = 32 * 1024 * 1024;
/** Redirects followed within the configured origin; one off it is never followed. */
export const MAX_PROVIDER_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` for the OpenAI client that keeps the prompt and the API key on the configured
 * origin and bounds what a reply may cost in memory:
 * - a redirect within the origin is followed (the same request, at most MAX_PROVIDER_REDIRECTS
 *   times); a redirect to another origin is not, and fails as `api_error_<status>`;
 * - a body whose decoded size passes `maxReplyBytes` fails as `validation_error` while it is read.
 *
 * @example
 * new OpenAI({ apiKey, baseURL, fetch: guardedProviderFetch() });
 */
export function guardedProviderFetch(base: typeof fetch = fetch, maxReplyBytes: number = MAX_PROVIDER_REPLY_BYTES): typeof fetch {
  return async (input, init) => {
    const origin = new URL(requestUrl(input)).origin;
    let url = requestUrl(input);
    for (let redirects = 0; ; redirects += 1) {
      const response = await base(url, { ...init, redirect: 'manual' });
      if (!REDIRECT_STATUSES.has(response.status)) return limitBody(response, maxReplyBytes);
      await response.body?.cancel();
      const target = redirectTarget(response, url);
      if (target?.origin !== origin) {
        throw new CategorizedError(
          `api_error_${response.status}`,
          `the provider answered HTTP ${response.status}, a redirect to ${target?.origin ?? 'an unreadable location'}; ` +
            `a redirect off ${origin} is never followed, so the prompt was not sent there`,
        );
      }
      if (redirects >= MAX_PROVIDER_REDIRECTS) {
        throw new CategorizedError(`api_error_${response.status}`, `the provider redirected more than ${MAX_PROVIDER_REDIRECTS} times`);
      }
      url = target.href;
    }
  };
}

function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

function redirectTarget(response: Response, from: string): URL | undefined {
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

/** The same response, whose body errors once more than `maxBytes` have been decoded. */
function limitBody(response: Response, maxBytes: number): Response {
  if (!response.body) return response;
  let received = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > maxBytes) {
        controller.error(
          new ReplyValidationError(`the provider reply passed ${maxBytes} bytes once decoded (MAX_PROVIDER_REPLY_BYTES); it was not read further`),
        );
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(limit), { status: response.status, statusText: response.statusText, headers: response.headers });
}
