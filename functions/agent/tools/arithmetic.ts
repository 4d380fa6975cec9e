import { ToolInputError } from './tool';

/** The longest expression `evaluateArithmetic` accepts. */
export const MAX_EXPRESSION_LENGTH = 500;

type TokenKind = 'number' | 'name' | 'op' | '(' | ')' | ',' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value: number;
  /** 1-based column in the expression. */
  readonly position: number;
}

interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly apply: (args: readonly number[]) => number;
}

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  sqrt: unary(Math.sqrt),
  abs: unary(Math.abs),
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  ln: unary(Math.log),
  sin: unary((x) => snapTrig(Math.sin(x))),
  cos: unary((x) => snapTrig(Math.cos(x))),
  tan: unary((x) => snapTrig(Math.tan(x))),
  round: { minArgs: 1, maxArgs: 2, apply: ([x, digits = 0]) => roundTo(x, digits) },
  log: { minArgs: 1, maxArgs: 2, apply: ([x, base]) => (base === undefined ? Math.log10(x) : Math.log(x) / Math.log(base)) },
  min: { minArgs: 1, maxArgs: Infinity, apply: (args) => Math.min(...args) },
  max: { minArgs: 1, maxArgs: Infinity, apply: (args) => Math.max(...args) },
};

const TRIG_NOISE = 1e-15;
const OPERATOR_CHARS = '+-*/%^';
const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function unary(fn: (x: number) => number): FunctionSpec {
  return { minArgs: 1, maxArgs: 1, apply: ([x]) => fn(x) };
}

/** Rounds away floating-point noise so that sin(pi) reads 0, not 1.2e-16. */
function snapTrig(value: number): number {
  return Math.abs(value) < TRIG_NOISE ? 0 : value;
}

function roundTo(x: number, digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) return NaN;
  const factor = 10 ** digits;
  return Math.round(x * factor) / factor;
}

/**
 * Evaluates an arithmetic expression without `eval`: `+ - * / %`, `^` (or `**`, right
 * associative, binding tighter than unary minus), parentheses, decimals and scientific
 * notation, the constants `pi` and `e`, and the functions sqrt, abs, round(x[, digits]),
 * floor, ceil, min, max, log(x[, base]) (base 10 by default), ln, sin, cos, tan (radians;
 * results within 1e-15 of zero read as 0).
 *
 * @throws ToolInputError with the 1-based position of the problem.
 * @example
 * evaluateArithmetic('2 ^ 3 ^ 2'); // 512
 */
export function evaluateArithmetic(expression: string): number {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new ToolInputError(`expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`);
  }
  if (expression.trim() === '') throw new ToolInputError('expression is empty');
  return new Parser(tokenize(expression)).parse();
}

/** Formats a result for the model: 12 significant digits, so 0.1 + 0.2 reads "0.3". */
export function formatNumber(value: number): string {
  const rounded = Number(value.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index];
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const position = index + 1;
    const number = matchAt(NUMBER, expression, index);
    const name = number === undefined ? matchAt(NAME, expression, index) : undefined;
    let token: Token;
    if (number !== undefined) token = { kind: 'number', text: number, value: Number(number), position };
    else if (name !== undefined) token = { kind: 'name', text: name.toLowerCase(), value: NaN, position };
    else if (expression.startsWith('**', index)) token = { kind: 'op', text: '^', value: NaN, position };
    else if (OPERATOR_CHARS.includes(char)) token = { kind: 'op', text: char, value: NaN, position };
    else if (char === '(' || char === ')' || char === ',') token = { kind: char, text: char, value: NaN, position };
    else throw new ToolInputError(`unexpected character '${char}' at position ${position}`);
    tokens.push(token);
    index += expression.startsWith('**', index) ? 2 : (number ?? name ?? char).length;
  }
  tokens.push({ kind: 'end', text: 'end of expression', value: NaN, position: expression.length + 1 });
  return tokens;
}

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): number {
    const value = this.additive();
    const next = this.peek();
    if (next.kind === ')') throw new ToolInputError(`unbalanced parentheses: unexpected ')' at position ${next.position}`);
    if (next.kind !== 'end') throw new ToolInputError(`unexpected '${next.text}' at position ${next.position}`);
    return value;
  }

  private additive(): number {
    let value = this.multiplicative();
    for (let op = this.peek(); op.kind === 'op' && (op.text === '+' || op.text === '-'); op = this.peek()) {
      this.index += 1;
      const right = this.multiplicative();
      value = finite(op.text === '+' ? value + right : value - right, op);
    }
    return value;
  }

  private multiplicative(): number {
    let value = this.unary();
    for (let op = this.peek(); op.kind === 'op' && '*/%'.includes(op.text); op = this.peek()) {
      this.index += 1;
      const right = this.unary();
      if (op.text !== '*' && right === 0) throw new ToolInputError(`division by zero at position ${op.position}`);
      value = finite(op.text === '*' ? value * right : op.text === '/' ? value / right : value % right, op);
    }
    return value;
  }

  private unary(): number {
    const op = this.peek();
    if (op.kind === 'op' && (op.text === '-' || op.text === '+')) {
      this.index += 1;
      const value = this.unary();
      return op.text === '-' ? -value : value;
    }
    return this.power();
  }

  private power(): number {
    const base = this.primary();
    const op = this.peek();
    if (op.kind !== 'op' || op.text !== '^') return base;
    this.index += 1;
    return finite(base ** this.unary(), op);
  }

  private primary(): number {
    const token = this.next();
    if (token.kind === 'number') return finite(token.value, token);
    if (token.kind === 'name') return this.named(token);
    if (token.kind === '(') {
      const value = this.additive();
      this.closeParenthesis(token);
      return value;
    }
    if (token.kind === 'end') throw new ToolInputError(`expression ends too early at position ${token.position}: expected a number`);
    throw new ToolInputError(`unexpected '${token.text}' at position ${token.position}: expected a number, a name or '('`);
  }

  private named(token: Token): number {
    const fn = Object.hasOwn(FUNCTIONS, token.text) ? FUNCTIONS[token.text] : undefined;
    if (fn === undefined) {
      if (Object.hasOwn(CONSTANTS, token.text)) return CONSTANTS[token.text];
      throw new ToolInputError(
        `unknown identifier '${token.text}' at position ${token.position} (known: ${[...Object.keys(CONSTANTS), ...Object.keys(FUNCTIONS)].join(', ')})`,
      );
    }
    const open = this.next();
    if (open.kind !== '(') throw new ToolInputError(`function '${token.text}' at position ${token.position} needs '(' after its name`);
    const args = [this.additive()];
    while (this.peek().kind === ',') {
      this.index += 1;
      args.push(this.additive());
    }
    this.closeParenthesis(open);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} or ${fn.maxArgs}`;
      throw new ToolInputError(`function '${token.text}' at position ${token.position} takes ${expected} argument(s), got ${args.length}`);
    }
    return finite(fn.apply(args), token, `${token.text}(${args.map(formatNumber).join(', ')})`);
  }

  private closeParenthesis(open: Token): void {
    const close = this.next();
    if (close.kind === ')') return;
    if (close.kind === 'end') throw new ToolInputError(`unbalanced parentheses: '(' at position ${open.position} is never closed`);
    throw new ToolInputError(`unexpected '${close.text}' at position ${close.position}: expected ')' to close '(' at position ${open.position}`);
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }
}

function finite(value: number, at: Token, what = `'${at.text}'`): number {
  if (!Number.isFinite(value)) {
    throw new ToolInputError(`result of ${what} at position ${at.position} is ${String(value)}; only finite numbers are supported`);
  }
  return value;
}
