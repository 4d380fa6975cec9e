import { failureReply, httpReply } from '../../../functions/agent/reply';

describe('failure replies', () => {
  it('keeps the internals of an unexpected error out of the reply, pointing to the logged request id', () => {
    // Act
    const reply = failureReply({
      requestId: 'req-1',
      category: 'unknown_error',
      message: 'Unexpected error: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/agent-role is not authorized',
      error: new Error('x'),
    });

    // Assess
    expect(reply).toEqual({ requestId: 'req-1', error: { category: 'unknown_error', message: 'internal error; the details are logged under request id req-1' } });
    expect(httpReply(reply).statusCode).toBe(500);
  });

  it('passes a categorized message through, with the status its category maps to', () => {
    // Act
    const reply = failureReply({ requestId: 'req-2', category: 'rate_limit', message: 'OpenAI rate limit (HTTP 429)', error: undefined });

    // Assess
    expect(reply.error.message).toBe('OpenAI rate limit (HTTP 429)');
    expect(httpReply(reply)).toMatchObject({ statusCode: 429, headers: { 'retry-after': '30', 'x-request-id': 'req-2' } });
  });
});
