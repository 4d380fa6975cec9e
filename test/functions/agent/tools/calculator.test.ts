import { MAX_EXPRESSION_LENGTH, evaluateArithmetic, formatNumber } from '../../../../functions/agent/tools/arithmetic';
import { calculatorTool } from '../../../../functions/agent/tools/calculator';
import { ToolInputError } from '../../../../functions/agent/tools/tool';

const context = { now: () => new Date('2025-01-01T00:00:00Z') };

function calculate(expression: string): string {
  return calculatorTool.run({ expression }, context) as string;
}

describe('calculator', () => {
  it.each([
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['10 - 4 - 3', '3'],
    ['100 / 10 / 5', '2'],
    ['2 ^ 3 ^ 2', '512'],
    ['2 ** 10', '1024'],
    ['-2 ^ 2', '-4'],
    ['(-2) ^ 2', '4'],
    ['2 ^ -1', '0.5'],
    ['--3', '3'],
    ['-(4 - 6) * +2', '4'],
    ['17 % 5', '2'],
    ['2 * 3 % 4', '2'],
    ['.5 + 1.25', '1.75'],
    ['1.5e3 / 3', '500'],
    ['0.1 + 0.2', '0.3'],
    ['1 / 3', '0.333333333333'],
    ['6 * 7', '42'],
  ])('evaluates %s as %s', (expression, expected) => {
    // Act
    const result = calculate(expression);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['sqrt(16)', '4'],
    ['abs(-3.5)', '3.5'],
    ['round(2.5)', '3'],
    ['round(3.14159, 2)', '3.14'],
    ['floor(-1.5)', '-2'],
    ['ceil(1.2)', '2'],
    ['min(4, 2, 8)', '2'],
    ['max(4, 2 * 5, 8)', '10'],
    ['log(1000)', '3'],
    ['log(8, 2)', '3'],
    ['ln(e)', '1'],
    ['sin(pi / 2)', '1'],
    ['cos(0)', '1'],
    ['tan(0)', '0'],
    ['sin(pi)', '0'],
    ['cos(pi / 2)', '0'],
    ['tan(pi)', '0'],
    ['2 * PI', '6.28318530718'],
    ['Sqrt(sqrt(81))', '3'],
  ])('evaluates the function call %s as %s', (expression, expected) => {
    // Act
    const result = calculate(expression);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['1 / 0', /division by zero at position 3/],
    ['5 % (2 - 2)', /division by zero at position 3/],
    ['2 * foo', /unknown identifier 'foo' at position 5/],
    ['(1 + 2', /unbalanced parentheses: '\(' at position 1 is never closed/],
    ['1 + 2)', /unbalanced parentheses: unexpected '\)' at position 6/],
    ['2 3', /unexpected '3' at position 3/],
    ['2 pi', /unexpected 'pi' at position 3/],
    ['1 + ', /ends too early at position 5/],
    ['1 + $', /unexpected character '\$' at position 5/],
    ['', /expression is empty/],
    ['   ', /expression is empty/],
    ['10 ^ 400', /result of '\^' at position 4 is Infinity/],
    ['1e999', /is Infinity/],
    ['sqrt(-1)', /result of sqrt\(-1\) at position 1 is NaN/],
    ['log(0)', /-Infinity/],
    ['sqrt(1, 2)', /'sqrt' at position 1 takes 1 argument\(s\), got 2/],
    ['max()', /expected a number, a name or '\('/],
    ['sqrt 4', /'sqrt' at position 1 needs '\('/],
    ['min(1, 2', /'\(' at position 4 is never closed/],
    ['round(1.5, 0.5)', /round/],
  ])('rejects %p with a precise message', (expression, message) => {
    // Act
    const act = (): unknown => calculate(expression);

    // Assess
    expect(act).toThrow(ToolInputError);
    expect(act).toThrow(message);
  });

  it('rejects an expression longer than the limit', () => {
    // Prepare
    const expression = '1+'.repeat(MAX_EXPRESSION_LENGTH / 2) + '1';

    // Act
    const act = (): unknown => evaluateArithmetic(expression);

    // Assess
    expect(act).toThrow(`expression is ${expression.length} characters long; the limit is 500`);
  });

  it('evaluates deeply nested parentheses within the limit', () => {
    // Prepare
    const expression = '('.repeat(240) + '7' + ')'.repeat(240);

    // Act
    const result = evaluateArithmetic(expression);

    // Assess
    expect(result).toBe(7);
  });

  it('never evaluates code', () => {
    // Act
    const act = (): unknown => calculate('constructor');
    const act2 = (): unknown => calculate('process.exit(1)');

    // Assess
    expect(act).toThrow(/unknown identifier 'constructor'/);
    expect(act2).toThrow(ToolInputError);
  });

  it.each([
    [{}, /missing required field 'expression'/],
    [{ expression: 42 }, /field 'expression' must be a string, got 42/],
    [{ expression: '1', precision: 2 }, /unexpected field 'precision'/],
    ['1 + 1', /arguments must be a JSON object/],
    [null, /arguments must be a JSON object/],
  ])('validates the arguments %p', (args, message) => {
    // Act
    const act = (): unknown => calculatorTool.run(args, context);

    // Assess
    expect(act).toThrow(ToolInputError);
    expect(act).toThrow(message);
  });
});

describe('formatNumber', () => {
  it.each([
    [42, '42'],
    [-0, '0'],
    [0.1 + 0.2, '0.3'],
    [1e21, '1e+21'],
    [123456789.123456789, '123456789.123'],
    [1e-7, '1e-7'],
  ])('formats %p as %s', (value, expected) => {
    // Act
    const text = formatNumber(value);

    // Assess
    expect(text).toBe(expected);
  });
});
