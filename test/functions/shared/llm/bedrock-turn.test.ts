import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { ReplyValidationError } from '../../../../functions/shared/errors/agent-errors';
import { ANSWER_NOW_INSTRUCTION, converseInput, parseConverseOutput } from '../../../../functions/shared/llm/bedrock-turn';
import type { TurnRequest } from '../../../../functions/shared/llm/model-turn';

const MODEL = 'us.amazon.nova-lite-v1:0';
const CALCULATOR = { name: 'calculator', description: 'Evaluates arithmetic.', parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] } };

function turn(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return { model: MODEL, system: 'Be brief.', messages: [{ role: 'user', text: 'What is 6*7?' }], tools: [CALCULATOR], toolChoice: 'auto', maxTokens: 256, ...overrides };
}

const SOME_USAGE = { inputTokens: 10, outputTokens: 2, totalTokens: 12 };

function output(content: unknown[], usage: unknown = SOME_USAGE): ConverseCommandOutput {
  return { output: { message: { role: 'assistant', content } }, stopReason: 'end_turn', usage, metrics: { latencyMs: 1 }, $metadata: {} } as ConverseCommandOutput;
}

describe('converseInput', () => {
  it('offers the tools through toolConfig and the token cap through inferenceConfig', () => {
    // Act
    const input = converseInput(turn());

    // Assess
    expect(input.modelId).toBe(MODEL);
    expect(input.system).toEqual([{ text: 'Be brief.' }]);
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'What is 6*7?' }] }]);
    expect(input.inferenceConfig).toEqual({ maxTokens: 256 });
    expect(input.toolConfig).toEqual({
      tools: [{ toolSpec: { name: 'calculator', description: 'Evaluates arithmetic.', inputSchema: { json: CALCULATOR.parameters } } }],
      toolChoice: { auto: {} },
    });
  });

  it('leaves toolConfig out on the last chance when the history holds no tool blocks, so the model can only answer', () => {
    // Act
    const input = converseInput(turn({ toolChoice: 'none' }));

    // Assess
    expect(input.toolConfig).toBeUndefined();
    expect(input.system).toEqual([{ text: 'Be brief.' }]);
  });

  it('keeps toolConfig on the last chance when the history holds tool blocks (Converse refuses them without it) and tells the model to answer', () => {
    // Prepare
    const messages: TurnRequest['messages'] = [
      { role: 'user', text: 'What is 6*7 and 2+2?' },
      { role: 'assistant', text: 'Let me compute.', toolCalls: [{ id: 't1', name: 'calculator', arguments: '{"expression":"6*7"}' }, { id: 't2', name: 'calculator', arguments: '{"expression":"2+2"}' }] },
      { role: 'tool', callId: 't1', text: '42' },
      { role: 'tool', callId: 't2', text: '4' },
    ];

    // Act
    const input = converseInput(turn({ toolChoice: 'none', messages }));

    // Assess
    expect(input.toolConfig?.tools).toHaveLength(1);
    expect(input.system).toEqual([{ text: 'Be brief.' }, { text: ANSWER_NOW_INSTRUCTION }]);
    expect(input.messages).toEqual([
      { role: 'user', content: [{ text: 'What is 6*7 and 2+2?' }] },
      {
        role: 'assistant',
        content: [
          { text: 'Let me compute.' },
          { toolUse: { toolUseId: 't1', name: 'calculator', input: { expression: '6*7' } } },
          { toolUse: { toolUseId: 't2', name: 'calculator', input: { expression: '2+2' } } },
        ],
      },
      // Consecutive results go back in one user message, as Converse expects
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: '42' }] } }, { toolResult: { toolUseId: 't2', content: [{ text: '4' }] } }] },
    ]);
  });

  it('sends no blank text block beside tool calls (Converse refuses blank text)', () => {
    // Act
    const input = converseInput(turn({ messages: [{ role: 'user', text: 'q' }, { role: 'assistant', text: '  ', toolCalls: [{ id: 't1', name: 'calculator', arguments: '' }] }, { role: 'tool', callId: 't1', text: 'r' }] }));

    // Assess
    expect(input.messages?.[1]).toEqual({ role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'calculator', input: {} } }] });
  });
});

describe('parseConverseOutput', () => {
  it('reads text, tool calls (input as JSON text) and usage, with the model as called', () => {
    // Act
    const reply = parseConverseOutput(output([{ text: 'Computing.' }, { toolUse: { toolUseId: 't1', name: 'calculator', input: { expression: '6*7' } } }], { inputTokens: 100, outputTokens: 20, totalTokens: 150, cacheReadInputTokens: 30 }), MODEL);

    // Assess
    expect(reply.text).toBe('Computing.');
    expect(reply.toolCalls).toEqual([{ id: 't1', name: 'calculator', arguments: '{"expression":"6*7"}' }]);
    expect(reply.model).toBe(MODEL);
    // Converse's inputTokens leaves out the cached tokens: the prompt is both
    expect(reply.usage).toMatchObject({ promptTokens: 130, completionTokens: 20, cachedTokens: 30 });
  });

  it.each([
    ['no output at all', {}],
    ['an output without a message', { output: {} }],
    ['a message whose content is not a list', { output: { message: { role: 'assistant', content: 'hi' } } }],
  ])('refuses %s as a validation error naming Bedrock and the model', (_name, reply) => {
    // Act
    const act = () => parseConverseOutput(reply as ConverseCommandOutput, MODEL);

    // Assess
    expect(act).toThrow(ReplyValidationError);
    expect(act).toThrow(`the Bedrock reply from ${MODEL} has no output message`);
  });

  it.each([
    ['a string', '"6*7"', 'a string'],
    ['an array', ['6*7'], 'an array'],
    ['null', null, 'null'],
  ])('refuses a toolUse whose input is %s', (_name, input, says) => {
    // Act
    const act = () => parseConverseOutput(output([{ toolUse: { toolUseId: 't1', name: 'calculator', input } }]), MODEL);

    // Assess
    expect(act).toThrow(ReplyValidationError);
    expect(act).toThrow(`calls the tool "calculator" with an input that is ${says}, not an object`);
  });

  it.each([
    ['missing', undefined],
    ['negative', { inputTokens: -1, outputTokens: 2, totalTokens: 1 }],
    ['fractional', { inputTokens: 1.5, outputTokens: 2, totalTokens: 3.5 }],
  ])('reads %s usage as unmeasured, never as 0', (_name, usage) => {
    // Act
    const reply = parseConverseOutput({ ...output([{ text: 'ok' }]), usage } as ConverseCommandOutput, MODEL);

    // Assess
    expect(reply.text).toBe('ok');
    expect(reply.usage).toBeUndefined();
  });
});
