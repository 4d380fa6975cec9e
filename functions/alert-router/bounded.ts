/**
 * Size limits on what the router takes from a message: an SNS message is whatever its publisher
 * wrote (up to 256 KB, nested as deep as JSON allows), and every target has its own limits.
 */
export const ALERT_LIMITS = {
  /** Title, source, reason and runbook link of an alert. */
  fieldChars: 1_000,
  /** Nesting kept in an alert's details; deeper values become DEEPER_VALUE. */
  detailsDepth: 8,
  /** Entries kept per object or array of the details. */
  detailsEntries: 50,
  /** One string inside the details. */
  detailsStringChars: 1_000,
  /** Characters of keys and strings kept in all the details together. */
  detailsTotalChars: 16_000,
} as const;

export const DEEPER_VALUE = '[nested too deep]';
export const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters, ending in `…` when cut, never splitting a surrogate
 * pair (a lone half makes the JSON some receivers refuse).
 *
 * @example
 * truncateText('x'.repeat(5000), 3000).length; // 3000
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

/**
 * A copy of `value` that JSON.stringify always handles and that stays small: nesting, entries
 * and strings are cut at ALERT_LIMITS; what is not JSON (functions, symbols, bigints) becomes
 * text. The walk never goes deeper than the depth limit, so a message nested 100,000 levels
 * deep costs no more than one nested 8 levels.
 *
 * @example
 * JSON.stringify(boundedJson(JSON.parse('[[[[[[[[[[1]]]]]]]]]]'))); // '[[[[[[[["[nested too deep]"]]]]]]]]'
 */
export function boundedJson(value: unknown): unknown {
  const budget = { chars: ALERT_LIMITS.detailsTotalChars };
  return bound(value, 0, budget);
}

function bound(value: unknown, depth: number, budget: { chars: number }): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return spend(value, budget);
  if (typeof value !== 'object') return value === undefined ? undefined : spend(String(value), budget);
  if (depth >= ALERT_LIMITS.detailsDepth) return spend(DEEPER_VALUE, budget);
  if (Array.isArray(value)) return boundArray(value, depth, budget);
  return boundObject(value as Record<string, unknown>, depth, budget);
}

function boundArray(values: readonly unknown[], depth: number, budget: { chars: number }): unknown[] {
  const kept: unknown[] = [];
  for (const item of values.slice(0, ALERT_LIMITS.detailsEntries)) {
    if (budget.chars <= 0) break;
    kept.push(bound(item, depth + 1, budget) ?? null);
  }
  if (kept.length < values.length) kept.push(`${ELLIPSIS} ${values.length - kept.length} more`);
  return kept;
}

function boundObject(record: Record<string, unknown>, depth: number, budget: { chars: number }): Record<string, unknown> {
  const entries = Object.entries(record);
  const kept: [string, unknown][] = [];
  let visited = 0;
  for (const [key, item] of entries.slice(0, ALERT_LIMITS.detailsEntries)) {
    if (budget.chars <= 0) break;
    visited += 1;
    const boundedItem = bound(item, depth + 1, budget);
    if (boundedItem !== undefined) kept.push([spend(key, budget), boundedItem]);
  }
  if (visited < entries.length) kept.push([ELLIPSIS, `${entries.length - visited} more`]);
  return Object.fromEntries(kept);
}

function spend(text: string, budget: { chars: number }): string {
  const kept = truncateText(text, Math.min(ALERT_LIMITS.detailsStringChars, Math.max(budget.chars, ELLIPSIS.length)));
  budget.chars -= kept.length;
  return kept;
}
