import type OpenAI from 'openai';
import { replyModel, reportedUsage } from '../../shared/llm/reply-usage';
import type { JudgeCall } from './judge-call';

/**
 * The judge over OpenAI chat completions: the rubric as the system message and a strict
 * JSON-schema response format (the client's maxRetries retries 429 and 5xx with backoff).
 */
export function openAIJudgeCall(client: () => Promise<OpenAI>): JudgeCall {
  return async (request, signal) => {
    const openai = await client();
    const completion = await openai.chat.completions.create(
      {
        model: request.model,
        temperature: 0,
        max_completion_tokens: request.maxTokens,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        response_format: { type: 'json_schema', json_schema: { name: request.schemaName, strict: true, schema: { ...request.schema } } },
      },
      { signal },
    );
    const choice = completion.choices?.[0];
    return {
      content: choice?.message?.content,
      finishReason: choice?.finish_reason,
      refusal: choice?.message?.refusal,
      model: replyModel(completion, request.model),
      usage: reportedUsage(completion.usage),
    };
  };
}
