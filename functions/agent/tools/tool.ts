import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';

/** What a tool may use while it runs; tests and the simulator pass their own clock. */
export interface ToolContext {
  readonly now: () => Date;
}

/**
 * A tool the agent offers the model through function calling.
 *
 * `run` gets the arguments the model sent, already parsed from JSON (so: untrusted), and
 * returns the text handed back to the model. It throws `ToolInputError` when the arguments
 * are wrong; the agent reports the message to the model and counts a tool error.
 */
export interface AgentTool {
  readonly name: string;
  readonly definition: ChatCompletionFunctionTool;
  run(args: unknown, context: ToolContext): string | Promise<string>;
}

/** The model called a tool with arguments it cannot use. The message goes back to the model. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}
