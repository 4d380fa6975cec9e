import { calculatorTool } from './calculator';
import { currentDatetimeTool, dateDiffTool } from './datetime';
import { createDocSearchTool } from './doc-search';
import type { AgentTool } from './tool';

/**
 * The tools the agent offers by default: `calculator`, `current_datetime`, `date_diff` and
 * `search_docs`. Returns a new array each call; the tools themselves are stateless.
 *
 * @example
 * const tools = defaultTools();
 * openai.chat.completions.create({ model, messages, tools: tools.map((t) => t.definition) });
 */
export function defaultTools(): AgentTool[] {
  return [calculatorTool, currentDatetimeTool, dateDiffTool, defaultDocSearch()];
}

/** The tool the model asked for by name, or `undefined` for a name the agent does not offer. */
export function toolByName(tools: readonly AgentTool[], name: string): AgentTool | undefined {
  return tools.find((tool) => tool.name === name);
}

let docSearch: AgentTool | undefined;

function defaultDocSearch(): AgentTool {
  docSearch ??= createDocSearchTool();
  return docSearch;
}
