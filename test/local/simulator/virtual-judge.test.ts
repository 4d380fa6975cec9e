import { bedrockJudgeCall } from '../../../functions/judge/providers/bedrock-judge-call';
import type { JudgeRequest } from '../../../functions/judge/providers/judge-call';
import { openAIJudgeCall } from '../../../functions/judge/providers/openai-judge-call';
import { qualityMarker } from '../../../local/simulator/answer-quality';
import { virtualJudgeClient, virtualJudgeConverser } from '../../../local/simulator/virtual-judge';

function request(answer: string, model: string): JudgeRequest {
  return {
    model,
    system: 'Score the answer.',
    user: `Question: what is 2 + 2?\nAnswer: ${answer}`,
    schemaName: 'judge_scores',
    schema: { type: 'object' },
    maxTokens: 400,
  };
}

describe('the virtual judge on both providers', () => {
  it('answers the forced tool on Bedrock with the verdict it writes as JSON on OpenAI, for the same tokens', async () => {
    // Prepare
    const answer = `Four. ${qualityMarker(0.8)}`;

    // Act
    const onOpenAI = await openAIJudgeCall(async () => virtualJudgeClient())(request(answer, 'gpt-4o-mini'));
    const onBedrock = await bedrockJudgeCall(async () => virtualJudgeConverser())(request(answer, 'amazon.nova-lite-v1:0'));

    // Assess
    expect(JSON.parse(onBedrock.content!)).toEqual(JSON.parse(onOpenAI.content!));
    expect(JSON.parse(onBedrock.content!)).toMatchObject({ relevance: 0.8, correctness: 0.8, helpfulness: 0.8, safety: 0.8 });
    expect(onBedrock.usage).toEqual({ ...onOpenAI.usage, cacheWriteTokens: 0 });
    expect(onBedrock.model).toBe('amazon.nova-lite-v1:0');
  });

  it('gives no tool call on Bedrock for an answer without a quality marker, as it gives prose on OpenAI', async () => {
    // Act
    const onBedrock = await bedrockJudgeCall(async () => virtualJudgeConverser())(request('Four.', 'amazon.nova-lite-v1:0'));
    const onOpenAI = await openAIJudgeCall(async () => virtualJudgeClient())(request('Four.', 'gpt-4o-mini'));

    // Assess
    expect(onBedrock.content).toBeUndefined();
    expect(() => JSON.parse(onOpenAI.content!)).toThrow();
  });
});
