import type { Converser } from '../../shared/llm/bedrock-turn';
import { converseUsage } from '../../shared/llm/reply-usage';
import type { JudgeCall } from './judge-call';

/**
 * The judge over Bedrock Converse: structured output through tool use, forced to the one tool
 * whose input schema is the rubric's reply schema; the tool's input is the reply (as JSON text,
 * validated like any other). A reply without that tool call has no content and fails validation;
 * `max_tokens` reads as a cut reply. Converse replies do not name the model: it is the one called.
 */
export function bedrockJudgeCall(converse: () => Promise<Converser>): JudgeCall {
  return async (request, signal) => {
    const call = await converse();
    const reply = await call(
      {
        modelId: request.model,
        system: [{ text: request.system }],
        messages: [{ role: 'user', content: [{ text: request.user }] }],
        inferenceConfig: { maxTokens: request.maxTokens, temperature: 0 },
        toolConfig: {
          tools: [{ toolSpec: { name: request.schemaName, description: 'Record the scores of the judged answer.', inputSchema: { json: { ...request.schema } as never } } }],
          toolChoice: { tool: { name: request.schemaName } },
        },
      },
      { signal: signal ?? new AbortController().signal, deadlineAt: Number.POSITIVE_INFINITY },
    );
    const blocks = Array.isArray(reply?.output?.message?.content) ? reply.output.message.content : [];
    const toolUse = blocks.find((block) => block?.toolUse?.name === request.schemaName)?.toolUse;
    const input: unknown = toolUse?.input;
    return {
      content: typeof input === 'object' && input !== null && !Array.isArray(input) ? JSON.stringify(input) : undefined,
      finishReason: reply?.stopReason === 'max_tokens' ? 'length' : reply?.stopReason,
      model: request.model,
      usage: converseUsage(reply?.usage),
    };
  };
}
