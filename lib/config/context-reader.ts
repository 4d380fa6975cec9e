/**
 * Reads typed settings from raw CDK context values. A value given with `cdk synth -c key=value`
 * arrives as a string; one from cdk.json arrives as its JSON type. Both are accepted: numbers
 * from numeric strings, lists from JSON arrays or comma-separated strings. Every problem is
 * collected (not thrown) so that one run reports every bad setting.
 */
import { CONTEXT_KEYS, type ConfigSetting, type ContextValues } from './context-keys';

export interface ConfigProblem {
  readonly setting: ConfigSetting;
  readonly problem: string;
}

/** A check returning why a value is refused, or undefined. */
export type Check<T> = (value: T) => string | undefined;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export class ContextReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly values: ContextValues) {}

  /** A string setting; an empty string is a problem. */
  string(setting: ConfigSetting, fallback: string, check?: Check<string>): string {
    const raw = this.raw(setting);
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string') return this.refuse(setting, `must be a string, got ${describe(raw)}`, fallback);
    const value = raw.trim();
    if (value === '') return this.refuse(setting, 'must not be empty', fallback);
    return this.checked(setting, value, fallback, check);
  }

  /** An optional string setting; absent or empty means none. */
  optionalString(setting: ConfigSetting, check?: Check<string>): string | undefined {
    const raw = this.raw(setting);
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return undefined;
    return this.string(setting, '', check) || undefined;
  }

  number(setting: ConfigSetting, fallback: number, check?: Check<number>): number {
    const raw = this.raw(setting);
    if (raw === undefined) return fallback;
    const value = toNumber(raw);
    if (value === undefined) return this.refuse(setting, `must be a number, got ${describe(raw)}`, fallback);
    return this.checked(setting, value, fallback, check);
  }

  optionalNumber(setting: ConfigSetting, check?: Check<number>): number | undefined {
    const raw = this.raw(setting);
    if (raw === undefined || raw === '') return undefined;
    const value = this.number(setting, Number.NaN, check);
    return Number.isNaN(value) ? undefined : value;
  }

  /** A list of strings; each item is checked and every bad item is named. */
  list(setting: ConfigSetting, fallback: readonly string[], checkItem?: Check<string>): readonly string[] {
    const raw = this.raw(setting);
    if (raw === undefined) return fallback;
    const items = this.listItems(setting, raw);
    if (items === undefined) return fallback;
    return this.checkedItems(setting, items, fallback, checkItem);
  }

  /** The raw value, `undefined` when absent or null. */
  raw(setting: ConfigSetting): unknown {
    const value = this.values[setting];
    return value === null ? undefined : value;
  }

  refuse<T>(setting: ConfigSetting, problem: string, fallback: T): T {
    this.problems.push({ setting, problem });
    return fallback;
  }

  /** A JSON array, a JSON array in a string, or a comma-separated string, as trimmed strings. */
  listItems(setting: ConfigSetting, raw: unknown): string[] | undefined {
    let value = raw;
    if (typeof value === 'string' && value.trim().startsWith('[')) {
      try {
        value = JSON.parse(value);
      } catch {
        return this.refuse(setting, `is not a valid JSON array: ${raw as string}`, undefined);
      }
    }
    if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      return this.refuse(setting, `must be a list of strings (a JSON array or comma-separated), got ${describe(raw)}`, undefined);
    }
    return value.map((item: string) => item.trim());
  }

  checkedItems(setting: ConfigSetting, items: readonly string[], fallback: readonly string[], checkItem?: Check<string>, label?: string): readonly string[] {
    const bad = checkItem ? items.map(checkItem).filter((problem): problem is string => problem !== undefined) : [];
    if (bad.length === 0) return items;
    const where = label ? `${label}: ` : '';
    return this.refuse(setting, `${where}${bad.join('; ')}`, fallback);
  }

  private checked<T>(setting: ConfigSetting, value: T, fallback: T, check?: Check<T>): T {
    const problem = check?.(value);
    return problem === undefined ? value : this.refuse(setting, problem, fallback);
  }
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && NUMBER.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

export function describe(raw: unknown): string {
  return JSON.stringify(raw) ?? String(raw);
}

/** `  - sampleRate: must be ...` lines, one per problem, each naming the context key, under one heading. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map(({ setting, problem }) => `  - ${CONTEXT_KEYS[setting]}: ${problem}`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `Invalid monitoring configuration (${count}):\n${lines.join('\n')}`;
}
