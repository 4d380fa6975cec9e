import { MAX_EXPRESSION_LENGTH, evaluateArithmetic, formatNumber } from './arithmetic';
import { objectArgs, requiredString } from './arguments';
import type { AgentTool } from './tool';

const FIELDS = ['expression'] as const;

/**
 * `calculator`: evaluates an arithmetic expression safely (no `eval`) and returns the result
 * as text, rounded to 12 significant digits.
 *
 * @example
 * calculatorTool.run({ expression: '(2 + 3) * 4' }, context); // "20"
 */
export const calculatorTool: AgentTool = {
  name: 'calculator',
  definition: {
    type: 'function',
    function: {
      name: 'calculator',
      description:
        'Evaluate an arithmetic expression exactly instead of calculating in your head. Supports + - * / % ^ (power), ' +
        'parentheses, decimals, scientific notation (1.5e3), constants pi and e, and the functions sqrt, abs, round(x[, digits]), ' +
        'floor, ceil, min, max, log(x[, base]) (base 10 by default), ln, sin, cos, tan (radians). Returns the number as text.',
      parameters: {
        type: 'object',
        properties: {
          expression: {
            type: 'string',
            description: `The expression, e.g. "(1200 * 0.15) / 1e6" or "sqrt(2) ^ 2". At most ${MAX_EXPRESSION_LENGTH} characters; no units, no thousands separators.`,
          },
        },
        required: ['expression'],
        additionalProperties: false,
      },
    },
  },
  run(args) {
    const expression = requiredString(objectArgs(args, FIELDS), 'expression');
    return formatNumber(evaluateArithmetic(expression));
  },
};
