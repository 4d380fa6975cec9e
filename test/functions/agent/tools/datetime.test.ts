import { currentDatetimeTool, dateDiffTool, inTimeZone } from '../../../../functions/agent/tools/datetime';
import { ToolInputError } from '../../../../functions/agent/tools/tool';

const fixedClock = { now: () => new Date('2025-03-01T23:30:00.000Z') };

describe('current_datetime', () => {
  it('reads the injected clock in UTC by default', () => {
    // Act
    const text = currentDatetimeTool.run({}, fixedClock);

    // Assess
    expect(text).toBe(['utc: 2025-03-01T23:30:00.000Z', 'timezone: UTC', 'local: 2025-03-01T23:30:00+00:00', 'weekday: Saturday'].join('\n'));
  });

  it('accepts no arguments at all', () => {
    // Act
    const text = currentDatetimeTool.run(undefined, fixedClock);

    // Assess
    expect(text).toContain('timezone: UTC');
  });

  it.each([
    ['Europe/Paris', '2025-03-02T00:30:00+01:00', 'Sunday'],
    ['America/New_York', '2025-03-01T18:30:00-05:00', 'Saturday'],
    ['Asia/Kolkata', '2025-03-02T05:00:00+05:30', 'Sunday'],
    ['Pacific/Chatham', '2025-03-02T13:15:00+13:45', 'Sunday'],
  ])('gives the local date, time and weekday in %s', (timezone, local, weekday) => {
    // Act
    const text = currentDatetimeTool.run({ timezone }, fixedClock);

    // Assess
    expect(text).toContain(`timezone: ${timezone}`);
    expect(text).toContain(`local: ${local}`);
    expect(text).toContain(`weekday: ${weekday}`);
  });

  it('reports a time zone in canonical case', () => {
    // Act
    const text = currentDatetimeTool.run({ timezone: 'europe/paris' }, fixedClock);

    // Assess
    expect(text).toContain('timezone: Europe/Paris');
    expect(text).toContain('local: 2025-03-02T00:30:00+01:00');
  });

  it('follows daylight saving time', () => {
    // Act
    const summer = inTimeZone(new Date('2025-07-01T12:00:00Z'), 'Europe/Berlin');

    // Assess
    expect(summer.local).toBe('2025-07-01T14:00:00+02:00');
  });

  it('treats null as the default time zone', () => {
    // Act
    const text = currentDatetimeTool.run({ timezone: null }, fixedClock);

    // Assess
    expect(text).toContain('timezone: UTC');
  });

  it.each([
    [{ timezone: 'Mars/Olympus_Mons' }, /timezone 'Mars\/Olympus_Mons' is not a valid IANA time zone/],
    [{ timezone: 'x'.repeat(65) }, /timezone is 65 characters long/],
    [{ timezone: 2 }, /field 'timezone' must be a string, got 2/],
    [{ tz: 'UTC' }, /unexpected field 'tz'/],
    [[], /arguments must be a JSON object/],
  ])('rejects %p', (args, message) => {
    // Act
    const act = (): unknown => currentDatetimeTool.run(args, fixedClock);

    // Assess
    expect(act).toThrow(ToolInputError);
    expect(act).toThrow(message);
  });
});

describe('date_diff', () => {
  it.each([
    ['2025-01-01', '2025-03-01', '59 days from 2025-01-01 to 2025-03-01'],
    ['2024-01-01', '2024-03-01', '60 days from 2024-01-01 to 2024-03-01'],
    ['2025-03-02', '2025-03-01', '-1 day from 2025-03-02 to 2025-03-01'],
    ['2025-03-29', '2025-03-31', '2 days from 2025-03-29 to 2025-03-31'],
  ])('counts the days from %s to %s', (from, to, expected) => {
    // Act
    const text = dateDiffTool.run({ from, to }, fixedClock);

    // Assess
    expect(text).toBe(expected);
  });

  it.each([
    [{ from: '2025-02-30', to: '2025-03-01' }, /field 'from' is not a real calendar date: 2025-02-30/],
    [{ from: '2025-01-01', to: '03/01/2025' }, /field 'to' must be a date in YYYY-MM-DD format/],
    [{ from: '2025-01-01' }, /missing required field 'to'/],
    [{ from: '2025-01-01', to: '2025-01-02', unit: 'days' }, /unexpected field 'unit'/],
  ])('rejects %p', (args, message) => {
    // Act
    const act = (): unknown => dateDiffTool.run(args, fixedClock);

    // Assess
    expect(act).toThrow(ToolInputError);
    expect(act).toThrow(message);
  });
});
