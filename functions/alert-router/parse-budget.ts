import type { ParsedAlert } from './parsed-alert';

const BUDGET_ANCHORS = [/^\s*AWS Budget Notification\b/i, /^\s*Budget Name\s*:/im];
const FIELD_LINE = /^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.+?)\s*$/gm;

/** AWS Budgets publishes plain text: a letter, then `Budget Name: ...`-style lines. */
export function isBudgetNotification(message: string): boolean {
  return BUDGET_ANCHORS[0].test(message) || (BUDGET_ANCHORS[1].test(message) && /^\s*Alert Type\s*:/im.test(message));
}

/** An AWS Budgets notification as an alert (budgets only notify when a threshold is passed). */
export function parseBudget(message: string, subject: string | undefined, fallbackTime: string): ParsedAlert {
  const fields = budgetFields(message);
  const name = fields['budget name'] ?? 'budget';
  const alertType = fields['alert type'];
  const threshold = fields['alert threshold'];
  const amount = alertType ? fields[`${alertType.toLowerCase()} amount`] : undefined;
  const kind = alertType?.toUpperCase() === 'FORECASTED' ? 'forecasted cost' : 'actual cost';
  const reason = [amount && `${kind} ${amount}`, threshold && `threshold ${threshold}`, fields['budgeted amount'] && `budgeted ${fields['budgeted amount']}`]
    .filter(Boolean)
    .join(', ');
  return {
    title: subject || `AWS Budgets: ${name} ${kind} over its alert threshold`,
    text: letterBody(message),
    state: 'ALARM',
    reason: reason || undefined,
    source: 'AWS Budgets',
    time: fallbackTime,
    key: ['budget', name, alertType, threshold].filter(Boolean).join(':'),
    details: fields,
  };
}

function budgetFields(message: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of message.matchAll(FIELD_LINE)) {
    const key = name.toLowerCase();
    if (!(key in fields) && !value.startsWith('//')) fields[key] = value;
  }
  return fields;
}

/** The sentence that explains the breach ("You requested that we alert you when ..."), else the whole text. */
function letterBody(message: string): string {
  const paragraph = message.split(/\n\s*\n/).find((part) => /alert you when/i.test(part));
  return (paragraph ?? message).trim();
}
