/**
 * Alert recipients per severity, read from context as either one list (which goes to the
 * severities that setting names) or an object keyed by severity:
 * `-c alertEmails=oncall@example.com,team@example.com` or
 * `"alertEmails": { "critical": ["oncall@example.com"], "warning": ["team@example.com"] }`.
 */
import type { Severity } from '../catalog/error-categories';
import type { SeverityRecipients } from '../constructs/notifications/alert-topics';
import type { ConfigSetting } from './context-keys';
import { describe, type Check, type ContextReader } from './context-reader';

export type { SeverityRecipients } from '../constructs/notifications/alert-topics';

const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export function readRecipients(
  reader: ContextReader,
  setting: ConfigSetting,
  singleListSeverities: readonly Severity[],
  checkItem: Check<string>,
): SeverityRecipients {
  const raw = parseObjectString(reader, setting, reader.raw(setting));
  if (raw === undefined) return {};
  if (isPlainObject(raw)) return perSeverity(reader, setting, raw, checkItem);
  const items = reader.listItems(setting, raw);
  if (items === undefined) return {};
  const checked = reader.checkedItems(setting, items, [], checkItem);
  if (checked.length === 0) return {};
  return Object.fromEntries(singleListSeverities.map((severity) => [severity, checked]));
}

function perSeverity(reader: ContextReader, setting: ConfigSetting, raw: Record<string, unknown>, checkItem: Check<string>): SeverityRecipients {
  const unknownKeys = Object.keys(raw).filter((key) => !(SEVERITIES as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    return reader.refuse(setting, `has unknown severities ${unknownKeys.join(', ')}; use critical, warning and info`, {});
  }
  const recipients: Partial<Record<Severity, readonly string[]>> = {};
  for (const severity of SEVERITIES) {
    if (raw[severity] === undefined || raw[severity] === null) continue;
    const items = reader.listItems(setting, raw[severity]);
    if (items === undefined) continue;
    const checked = reader.checkedItems(setting, items, [], checkItem, severity);
    if (checked.length > 0) recipients[severity] = checked;
  }
  return recipients;
}

function parseObjectString(reader: ContextReader, setting: ConfigSetting, raw: unknown): unknown {
  if (typeof raw !== 'string' || !raw.trim().startsWith('{')) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return reader.refuse(setting, `is not a valid JSON object: ${describe(raw)}`, undefined);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
