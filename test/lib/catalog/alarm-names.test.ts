import { alarmCatalog, alarmName } from '../../../lib/catalog/alarms';
import { alarmSettingsFrom, monitoringConfigFrom } from '../../../lib/config';
import { runbookUrl } from '../../../lib/catalog/alarms/naming';

/** Every alarm of a service configured as a team would, the opt-in traffic floor included. */
function namesOf(serviceName: string): { id: string; name: string; severity: string }[] {
  const settings = alarmSettingsFrom(monitoringConfigFrom({ serviceName, minRequestsPerHour: '60' }));
  return alarmCatalog(settings).map(({ id, name, severity }) => ({ id, name, severity }));
}

/** Whether the words of `words` appear in `text`'s dash-separated words, in a row. */
function containsWords(text: string, words: string): boolean {
  return `-${text}-`.includes(`-${words}-`);
}

describe.each(['agent', 'support-bot'])('the alarm names of a service called %s', (service) => {
  const alarms = namesOf(service);

  it('follow the one rule, <service>-<id>-<severity>, with a kebab-case id', () => {
    // Assess
    for (const alarm of alarms) {
      expect(alarm.name).toBe(alarmName(service, alarm.id, alarm.severity as 'critical' | 'warning' | 'info'));
      expect(alarm.name).toMatch(new RegExp(`^${service}-[a-z0-9]+(-[a-z0-9]+)*-(critical|warning|info)$`));
    }
  });

  it('never repeat the service name, nor call it the agent, after the prefix', () => {
    // Act
    const repeating = alarms.filter(({ name }) => {
      const rest = name.slice(service.length + 1);
      return containsWords(rest, service) || containsWords(rest, 'agent');
    });

    // Assess
    expect(repeating.map((a) => a.name)).toEqual([]);
    expect(alarms.map((a) => a.name)).toEqual(expect.arrayContaining([`${service}-unhealthy-critical`, `${service}-invoked-info`, `${service}-error-rate-critical`]));
  });
});

describe('runbook links', () => {
  it('joins a base URL with or without trailing slashes to the runbook with one slash', () => {
    // Act
    const links = ['https://wiki.example.com/runbooks', 'https://wiki.example.com/runbooks/', 'https://wiki.example.com/runbooks//'].map((base) => runbookUrl(base, 'quality-drift'));

    // Assess
    expect(new Set(links)).toEqual(new Set(['https://wiki.example.com/runbooks/quality-drift.md']));
  });
});
