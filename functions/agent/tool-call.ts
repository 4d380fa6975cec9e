import type { ToolCallRequest } from '../shared/llm/model-turn';
import type { RequestMonitor } from '../shared/monitoring/request-monitor';
import type { Clock } from '../shared/monitoring/with-monitoring';
import { ToolInputError, type AgentTool } from './tools/tool';

/** The `tool` dimension value of calls to tools the agent does not have. */
export const UNKNOWN_TOOL = 'unknown_tool';
/** A tool result longer than this is cut before it goes back to the model (and into the next prompt's cost). */
export const MAX_TOOL_RESULT_CHARS = 4000;

/**
 * Runs one tool call the model made and returns the text for the tool message. A call the
 * tool cannot serve (unknown tool, arguments that are not JSON, a ToolInputError) is counted
 * as a tool error and explained to the model, which can then correct itself; any other
 * failure of the tool is also counted and reported to the model without its internals.
 */
export async function runToolCall(
  call: ToolCallRequest,
  tools: readonly AgentTool[],
  clock: Clock,
  monitor: RequestMonitor,
): Promise<string> {
  const name = call.name;
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) {
    // The model chose this name: never let it become a dimension value (unbounded, possibly invalid).
    monitor.recordToolCall(UNKNOWN_TOOL, false);
    return `Error: there is no tool named "${name.slice(0, 64)}". Available tools: ${tools.map((t) => t.name).join(', ')}.`;
  }
  try {
    const result = await monitor.trackTool(name, () => tool.run(parseArguments(call.arguments), { now: () => new Date(clock()) }));
    return result.length > MAX_TOOL_RESULT_CHARS ? `${result.slice(0, MAX_TOOL_RESULT_CHARS)}… [truncated]` : result;
  } catch (error) {
    if (error instanceof ToolInputError) return `Error: ${error.message}`;
    return `Error: the ${name} tool failed; do not retry it for this question.`;
  }
}

function parseArguments(raw: string): unknown {
  if (!raw || !raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new ToolInputError(`the arguments are not valid JSON: ${raw.slice(0, 200)}`);
  }
}
