import { objectArgs, optionalString, requiredString } from './arguments';
import { ToolInputError, type AgentTool } from './tool';

const MAX_TIMEZONE_LENGTH = 64;
const MAX_CACHED_FORMATTERS = 64;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A moment as read on the clocks of one time zone. */
export interface ZonedDateTime {
  /** The IANA name as asked for, in canonical case (`europe/paris` → `Europe/Paris`). */
  readonly timeZone: string;
  /** Local date and time with offset, e.g. `2025-03-01T13:00:00+01:00`. */
  readonly local: string;
  readonly weekday: string;
}

/**
 * Reads `instant` in an IANA time zone with `Intl`.
 *
 * @throws ToolInputError naming the time zone when `Intl` does not know it.
 */
export function inTimeZone(instant: Date, timeZone: string): ZonedDateTime {
  const formatter = formatterFor(timeZone);
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  const resolved = formatter.resolvedOptions().timeZone;
  return {
    timeZone: resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone,
    local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`,
    weekday: parts.weekday,
  };
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'long',
      timeZoneName: 'longOffset',
    });
  } catch {
    throw new ToolInputError(`timezone '${timeZone}' is not a valid IANA time zone name (e.g. 'UTC', 'Europe/Paris', 'America/New_York')`);
  }
  if (formatters.size < MAX_CACHED_FORMATTERS) formatters.set(timeZone, formatter);
  return formatter;
}

/**
 * `current_datetime`: the current date and time from the injected clock, in UTC and in an
 * optional IANA time zone (default `UTC`).
 */
export const currentDatetimeTool: AgentTool = {
  name: 'current_datetime',
  definition: {
    type: 'function',
    function: {
      name: 'current_datetime',
      description:
        'Get the current date, time and weekday. Use it whenever the answer depends on today\'s date or the time of day; ' +
        'your own knowledge of the date is out of date.',
      parameters: {
        type: 'object',
        properties: {
          timezone: {
            type: 'string',
            description: 'IANA time zone name such as "Europe/Paris" or "America/New_York". Defaults to "UTC".',
          },
        },
        additionalProperties: false,
      },
    },
  },
  run(args, context) {
    const timeZone = optionalString(objectArgs(args, ['timezone']), 'timezone')?.trim() || 'UTC';
    if (timeZone.length > MAX_TIMEZONE_LENGTH) {
      throw new ToolInputError(`timezone is ${timeZone.length} characters long; IANA names are at most ${MAX_TIMEZONE_LENGTH}`);
    }
    const now = context.now();
    const zoned = inTimeZone(now, timeZone);
    return [`utc: ${now.toISOString()}`, `timezone: ${zoned.timeZone}`, `local: ${zoned.local}`, `weekday: ${zoned.weekday}`].join('\n');
  },
};

/** `date_diff`: whole days from one ISO date to another (negative when `to` is earlier). */
export const dateDiffTool: AgentTool = {
  name: 'date_diff',
  definition: {
    type: 'function',
    function: {
      name: 'date_diff',
      description: 'Count the days between two calendar dates. The result is negative when "to" is before "from".',
      parameters: {
        type: 'object',
        properties: {
          from: { type: 'string', description: 'Start date, ISO format YYYY-MM-DD.' },
          to: { type: 'string', description: 'End date, ISO format YYYY-MM-DD.' },
        },
        required: ['from', 'to'],
        additionalProperties: false,
      },
    },
  },
  run(args) {
    const fields = objectArgs(args, ['from', 'to']);
    const from = requiredString(fields, 'from');
    const to = requiredString(fields, 'to');
    const fromTime = parseIsoDate(from, 'from');
    const days = Math.round((parseIsoDate(to, 'to') - fromTime) / MS_PER_DAY);
    return `${days} day${Math.abs(days) === 1 ? '' : 's'} from ${from} to ${to}`;
  },
};

function parseIsoDate(text: string, field: string): number {
  const match = ISO_DATE.exec(text);
  if (match === null) throw new ToolInputError(`field '${field}' must be a date in YYYY-MM-DD format, got ${JSON.stringify(text)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  const time = date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new ToolInputError(`field '${field}' is not a real calendar date: ${text}`);
  }
  return time;
}
