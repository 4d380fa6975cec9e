import { alarmCatalog, ALARM_IDS, type MetricAlarmDefinition } from '../../../lib/catalog/alarms';
import { alarmSettingsFrom, MonitoringConfigError, monitoringConfigFrom } from '../../../lib/config';
import { judgeIntervalMinutesOf, judgeScheduleProblem } from '../../../lib/config/judge-interval';

function configError(judgeSchedule: string): MonitoringConfigError {
  try {
    monitoringConfigFrom({ judgeSchedule });
  } catch (error) {
    if (error instanceof MonitoringConfigError) return error;
    throw error;
  }
  throw new Error(`judgeSchedule ${judgeSchedule} was accepted`);
}

describe('the judge interval from judgeSchedule', () => {
  it.each([
    ['rate(1 minute)', 1],
    ['rate(5 minutes)', 5],
    ['rate(15 minutes)', 15],
    ['rate(30 minutes)', 30],
    ['rate(60 minutes)', 60],
    ['rate(1 hour)', 60],
    ['cron(* * * * ? *)', 1],
    ['cron(0/15 * * * ? *)', 15],
    ['cron(*/10 * * * ? *)', 10],
    ['cron(5/20 * * * ? *)', 20],
    ['cron(0,15,30,45 * * * ? *)', 15],
    ['cron(0 * * * ? *)', 60],
    ['cron(0 8-18 ? * MON-FRI *)', 60],
    ['cron(0/30 8-18 ? * MON-FRI *)', 30],
  ])('%s runs every %d minutes', (schedule, minutes) => {
    // Act
    const interval = judgeIntervalMinutesOf(schedule);

    // Assess
    expect(judgeScheduleProblem(schedule)).toBeUndefined();
    expect(interval).toBe(minutes);
  });

  it.each([
    ['rate(7 minutes)', /divides an hour .* got 7 minutes/],
    ['rate(45 minutes)', /divides an hour .* got 45 minutes/],
    ['rate(90 minutes)', /at least every hour, got one every 90 minutes/],
    ['rate(2 hours)', /at least every hour, got one every 120 minutes/],
    ['rate(1 day)', /at least every hour, got one every 1440 minutes/],
    ['cron(0/7 * * * ? *)', /divides an hour .* got 7 minutes/],
    ['cron(20/15 * * * ? *)', /steady interval/],
    ['cron(0,10,30 * * * ? *)', /steady interval/],
    ['cron(0 12 * * ? *)', /steady interval .* hours "12"/],
    ['cron(0 */2 * * ? *)', /steady interval/],
    ['cron(0-29 * * * ? *)', /steady interval/],
  ])('%s fails synth naming judgeSchedule', (schedule, problem) => {
    // Act
    const error = configError(schedule);

    // Assess
    expect(error.problems.map((p) => p.setting)).toEqual(['judgeSchedule']);
    expect(error.message).toContain('judgeSchedule: ');
    expect(error.message).toMatch(problem);
  });

  it('still reports what EventBridge rejects before what the alarms need', () => {
    // Act
    const error = configError('rate(5 minute)');

    // Assess
    expect(error.message).toMatch(/plural unit: rate\(5 minutes\)/);
  });

  it('reaches the alarm catalog: a 60-minute schedule gives the judge alarms hour-long periods', () => {
    // Prepare
    const settings = alarmSettingsFrom(monitoringConfigFrom({ judgeSchedule: 'rate(1 hour)' }));

    // Act
    const catalog = alarmCatalog(settings);

    // Assess
    const period = (id: string) => (catalog.find((d) => d.id === id) as MetricAlarmDefinition).periodSeconds;
    expect(settings.judgeIntervalMinutes).toBe(60);
    expect([ALARM_IDS.judgeLambdaErrors, ALARM_IDS.judgeBacklogAge, ALARM_IDS.qualityDrift, ALARM_IDS.qualityScore].map(period)).toEqual([3600, 3600, 3600, 7200]);
  });

  it('refuses a backlog age shorter than the schedule, naming both settings', () => {
    // Act
    const build = () => alarmCatalog(alarmSettingsFrom(monitoringConfigFrom({ judgeSchedule: 'rate(30 minutes)', judgeBacklogMaxAgeSeconds: '900' })));

    // Assess
    expect(build).toThrow(/Invalid alarm setting judgeBacklogMaxAgeSeconds: must be at least the judge's interval \(judgeIntervalMinutes 30, from judgeSchedule: 1800 s\).*got 900/);
  });
});
