/**
 * Reads a composite alarm's AlarmRule text (`(ALARM("a") OR (ALARM("b") AND ALARM("c")))`)
 * back into the catalog's rule tree, naming alarms by what the text names them (names or ARNs).
 * Only `ALARM(...)`, `AND`, `OR` and parentheses are read: the subset the catalog renders.
 */
import type { AlarmRule } from '../../lib/catalog/alarms';

const TOKEN = /\s*(ALARM\("((?:[^"\\]|\\.)*)"\)|\(|\)|AND\b|OR\b|\S+)/y;

/** Parses `text`; throws an Error naming the rule and the position of anything else. */
export function parseAlarmRule(text: string): AlarmRule {
  const tokens: { text: string; name?: string; position: number }[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    tokens.push({ text: match[1], position: match.index + match[0].length - match[1].length, ...(match[2] !== undefined ? { name: match[2] } : {}) });
  }
  let index = 0;
  const fail = (problem: string): never => {
    throw new Error(`Alarm rule ${JSON.stringify(text)} at position ${tokens[index]?.position ?? text.length}: ${problem}`);
  };
  const operand = (): AlarmRule => {
    const token = tokens[index];
    if (token?.name === undefined && token?.text !== '(') return fail(`expected ALARM("...") or "(", found ${token ? JSON.stringify(token.text) : 'the end'}`);
    index++;
    if (token.name !== undefined) return { alarm: token.name };
    const group = expression();
    if (tokens[index++]?.text !== ')') fail('expected ")"');
    return group;
  };
  const expression = (): AlarmRule => {
    const operands = [operand()];
    let operator: string | undefined;
    while (tokens[index]?.text === 'AND' || tokens[index]?.text === 'OR') {
      if (operator && tokens[index].text !== operator) fail('AND and OR mixed without parentheses');
      operator = tokens[index++].text;
      operands.push(operand());
    }
    if (!operator) return operands[0];
    return operator === 'AND' ? { allOf: operands } : { anyOf: operands };
  };
  const rule = expression();
  if (index < tokens.length) fail(`unexpected ${JSON.stringify(tokens[index].text)}`);
  return rule;
}

/**
 * The rule in a canonical form for comparison: single-operand groups replaced by their
 * operand, nested groups of the same kind flattened.
 */
export function normalizeAlarmRule(rule: AlarmRule): AlarmRule {
  if ('alarm' in rule) return rule;
  const kind = 'anyOf' in rule ? 'anyOf' : 'allOf';
  const operands = ('anyOf' in rule ? rule.anyOf : rule.allOf).map(normalizeAlarmRule).flatMap((operand) => (kind in operand ? (operand as Record<typeof kind, AlarmRule[]>)[kind] : [operand]));
  if (operands.length === 1) return operands[0];
  return kind === 'anyOf' ? { anyOf: operands } : { allOf: operands };
}

/** The same rule with every alarm id replaced by `rename(id)`. */
export function renameAlarmRule(rule: AlarmRule, rename: (id: string) => string): AlarmRule {
  if ('alarm' in rule) return { alarm: rename(rule.alarm) };
  if ('anyOf' in rule) return { anyOf: rule.anyOf.map((operand) => renameAlarmRule(operand, rename)) };
  return { allOf: rule.allOf.map((operand) => renameAlarmRule(operand, rename)) };
}
