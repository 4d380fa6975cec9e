/** Pure functions over composite alarm rules: the ids they name, their text, their value. */
import type { AlarmRule } from './types';

/** Every alarm id a rule names, in order of appearance. */
export function ruleAlarmIds(rule: AlarmRule): string[] {
  if ('alarm' in rule) return [rule.alarm];
  return ('anyOf' in rule ? rule.anyOf : rule.allOf).flatMap(ruleAlarmIds);
}

/**
 * The rule in CloudWatch's AlarmRule syntax, as aws-cdk-lib renders it:
 * `(ALARM("a") OR (ALARM("b") AND ALARM("c")))`, each alarm written by `reference`
 * (an ARN in CloudFormation, a name in messages).
 */
export function renderAlarmRule(rule: AlarmRule, reference: (id: string) => string): string {
  if ('alarm' in rule) return `ALARM("${reference(rule.alarm)}")`;
  const [operator, operands] = 'anyOf' in rule ? (['OR', rule.anyOf] as const) : (['AND', rule.allOf] as const);
  if (operands.length === 0) throw new Error(`an alarm rule ${operator === 'OR' ? 'anyOf' : 'allOf'} needs at least one operand`);
  return `(${operands.map((operand) => renderAlarmRule(operand, reference)).join(` ${operator} `)})`;
}

/** Whether the rule is true when the alarms for which `inAlarm` answers true are in ALARM. */
export function evaluateAlarmRule(rule: AlarmRule, inAlarm: (id: string) => boolean): boolean {
  if ('alarm' in rule) return inAlarm(rule.alarm);
  if ('anyOf' in rule) return rule.anyOf.some((operand) => evaluateAlarmRule(operand, inAlarm));
  return rule.allOf.every((operand) => evaluateAlarmRule(operand, inAlarm));
}
