import { ToolInputError } from './tool';

/** Tool arguments after the object check: field name → untrusted value. */
export type ToolArgs = Readonly<Record<string, unknown>>;

/**
 * Checks that the model sent a JSON object with only the fields the tool declares.
 * `undefined` (no arguments) reads as `{}`.
 *
 * @throws ToolInputError naming an unexpected field.
 */
export function objectArgs(args: unknown, allowedFields: readonly string[]): ToolArgs {
  if (args === undefined) return {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ToolInputError(`arguments must be a JSON object with fields: ${allowedFields.join(', ')}`);
  }
  for (const field of Object.keys(args)) {
    if (!allowedFields.includes(field)) {
      throw new ToolInputError(`unexpected field '${field}' (allowed: ${allowedFields.join(', ')})`);
    }
  }
  return args as ToolArgs;
}

/** A required string field. @throws ToolInputError naming the field. */
export function requiredString(args: ToolArgs, field: string): string {
  const value = args[field];
  if (value === undefined || value === null) throw new ToolInputError(`missing required field '${field}' (a string)`);
  if (typeof value !== 'string') throw new ToolInputError(`field '${field}' must be a string, got ${describe(value)}`);
  return value;
}

/** An optional string field; `null` reads as absent. @throws ToolInputError naming the field. */
export function optionalString(args: ToolArgs, field: string): string | undefined {
  return args[field] === undefined || args[field] === null ? undefined : requiredString(args, field);
}

/**
 * An optional integer field within `[min, max]`; `null` reads as absent.
 * @throws ToolInputError naming the field.
 */
export function optionalInteger(args: ToolArgs, field: string, min: number, max: number): number | undefined {
  const value = args[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ToolInputError(`field '${field}' must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : `a ${typeof value}`;
}
