/**
 * Parses the metric math subset the alarm catalog uses: metric ids, numbers, `+ - * /`,
 * unary minus, parentheses, the comparisons `> >= < <= == !=`, `IF(condition, whenTrue[, whenFalse])`
 * and `FILL(series, number)`. Anything else is refused with an error naming the expression
 * and the position (0-based character offset) of the first token outside the subset.
 */

/** The arithmetic operators of the subset. */
export type ArithmeticOperator = '+' | '-' | '*' | '/';
/** The comparison operators of the subset; each yields 1 or 0. */
export type ComparisonOperator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** A parsed expression. */
export type MathNode =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'metric'; readonly id: string }
  | { readonly type: 'negate'; readonly operand: MathNode }
  | { readonly type: 'arithmetic'; readonly operator: ArithmeticOperator; readonly left: MathNode; readonly right: MathNode }
  | { readonly type: 'comparison'; readonly operator: ComparisonOperator; readonly left: MathNode; readonly right: MathNode }
  | { readonly type: 'if'; readonly condition: MathNode; readonly whenTrue: MathNode; readonly whenFalse?: MathNode }
  | { readonly type: 'fill'; readonly series: MathNode; readonly value: MathNode };

/** An expression outside the supported subset, or malformed. */
export class MetricMathError extends Error {
  constructor(
    readonly expression: string,
    readonly position: number,
    problem: string,
  ) {
    super(`Metric math ${JSON.stringify(expression)} at position ${position}: ${problem}`);
    this.name = 'MetricMathError';
  }
}

type TokenKind = 'number' | 'identifier' | 'function' | 'operator' | '(' | ')' | ',' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
}

const FUNCTIONS = new Set(['IF', 'FILL']);
const COMPARISONS = new Set(['>', '>=', '<', '<=', '==', '!=']);
const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([a-z][A-Za-z0-9_]*)|([A-Z][A-Z0-9_]*)|(>=|<=|==|!=|[-+*/<>])|([(),]))/y;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let offset = 0;
  while (offset < expression.length) {
    if (/^\s*$/.test(expression.slice(offset))) break;
    TOKEN.lastIndex = offset;
    const match = TOKEN.exec(expression);
    if (!match) {
      const position = offset + (expression.slice(offset).length - expression.slice(offset).trimStart().length);
      throw new MetricMathError(expression, position, `unexpected ${JSON.stringify(expression[position])}; the local evaluator supports metric ids, numbers, + - * /, comparisons, parentheses, IF and FILL`);
    }
    const position = match.index + match[0].length - match[0].trimStart().length;
    const [, number, identifier, word, operator, punctuation] = match;
    if (number !== undefined) tokens.push({ kind: 'number', text: number, position });
    else if (identifier !== undefined) tokens.push({ kind: 'identifier', text: identifier, position });
    else if (word !== undefined) tokens.push({ kind: 'function', text: word, position });
    else if (operator !== undefined) tokens.push({ kind: 'operator', text: operator, position });
    else tokens.push({ kind: punctuation as '(' | ')' | ',', text: punctuation, position });
    offset = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: 'end of expression', position: expression.length });
  return tokens;
}

/**
 * Parses `expression`; every metric id must be one of `metricIds`.
 *
 * @example
 * parseMetricMath('IF(requests >= 5, 100 * FILL(errors, 0) / requests, 0)', ['requests', 'errors']);
 */
export function parseMetricMath(expression: string, metricIds: Iterable<string>): MathNode {
  const parser = new Parser(expression, tokenize(expression), new Set(metricIds));
  return parser.parse();
}

class Parser {
  #index = 0;

  constructor(
    private readonly expression: string,
    private readonly tokens: readonly Token[],
    private readonly ids: ReadonlySet<string>,
  ) {}

  parse(): MathNode {
    const node = this.#comparison();
    this.#expect('end');
    return node;
  }

  #comparison(): MathNode {
    const left = this.#additive();
    const token = this.#peek();
    if (token.kind !== 'operator' || !COMPARISONS.has(token.text)) return left;
    this.#index++;
    const right = this.#additive();
    const next = this.#peek();
    if (next.kind === 'operator' && COMPARISONS.has(next.text)) this.#fail(next, 'comparisons cannot be chained; add parentheses');
    return { type: 'comparison', operator: token.text as ComparisonOperator, left, right };
  }

  #additive(): MathNode {
    let node = this.#term();
    for (let token = this.#peek(); token.kind === 'operator' && (token.text === '+' || token.text === '-'); token = this.#peek()) {
      this.#index++;
      node = { type: 'arithmetic', operator: token.text, left: node, right: this.#term() };
    }
    return node;
  }

  #term(): MathNode {
    let node = this.#unary();
    for (let token = this.#peek(); token.kind === 'operator' && (token.text === '*' || token.text === '/'); token = this.#peek()) {
      this.#index++;
      node = { type: 'arithmetic', operator: token.text, left: node, right: this.#unary() };
    }
    return node;
  }

  #unary(): MathNode {
    const token = this.#peek();
    if (token.kind === 'operator' && token.text === '-') {
      this.#index++;
      return { type: 'negate', operand: this.#unary() };
    }
    return this.#primary();
  }

  #primary(): MathNode {
    const token = this.#next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: Number(token.text) };
      case 'identifier':
        if (!this.ids.has(token.text)) this.#fail(token, `unknown metric id ${token.text}; the alarm defines ${[...this.ids].join(', ') || 'none'}`);
        return { type: 'metric', id: token.text };
      case 'function':
        return this.#call(token);
      case '(': {
        const node = this.#comparison();
        this.#expect(')');
        return node;
      }
      default:
        return this.#fail(token, `expected a number, a metric id, IF, FILL or "(", found ${describe(token)}`);
    }
  }

  #call(name: Token): MathNode {
    if (!FUNCTIONS.has(name.text)) this.#fail(name, `unsupported function ${name.text}; the local evaluator supports IF and FILL`);
    this.#expect('(');
    const args = [this.#comparison()];
    while (this.#peek().kind === ',') {
      this.#index++;
      args.push(this.#comparison());
    }
    const close = this.#expect(')');
    if (name.text === 'FILL') {
      if (args.length !== 2) this.#fail(close, `FILL takes 2 arguments (a series and a number), got ${args.length}`);
      return { type: 'fill', series: args[0], value: args[1] };
    }
    if (args.length < 2 || args.length > 3) this.#fail(close, `IF takes 2 or 3 arguments, got ${args.length}`);
    return { type: 'if', condition: args[0], whenTrue: args[1], ...(args[2] ? { whenFalse: args[2] } : {}) };
  }

  #peek(): Token {
    return this.tokens[this.#index];
  }

  #next(): Token {
    const token = this.tokens[this.#index];
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  #expect(kind: TokenKind): Token {
    const token = this.#next();
    if (token.kind !== kind) this.#fail(token, `expected ${kind === 'end' ? 'the end of the expression' : `"${kind}"`}, found ${describe(token)}`);
    return token;
  }

  #fail(token: Token, problem: string): never {
    throw new MetricMathError(this.expression, token.position, problem);
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : JSON.stringify(token.text);
}
