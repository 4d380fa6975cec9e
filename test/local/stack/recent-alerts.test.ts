import type { Alert } from '../../../functions/alert-router/alert';
import { alertOutput } from '../../../local/stack/alert-output';
import { RecentAlerts } from '../../../local/stack/recent-alerts';

const alert = (title: string, severity: Alert['severity'] = 'critical'): Alert => ({ title, text: title, severity, state: 'ALARM', source: 'local', time: '2026-12-01T10:00:00.000Z', key: title });

describe('RecentAlerts', () => {
  it('keeps the newest alerts first, up to its limit', () => {
    // Prepare
    const recent = new RecentAlerts(2);

    // Act
    for (const title of ['first', 'second', 'third']) recent.record(alert(title));

    // Assess
    expect(recent.list().map((kept) => kept.title)).toEqual(['third', 'second']);
  });

  it('records what an alert output delivers, with the severity topic, and still delivers it', async () => {
    // Prepare
    const printed: string[] = [];
    const recent = new RecentAlerts();
    const output = recent.recording(alertOutput({ print: (line) => printed.push(line) }));

    // Act
    await output.deliver(alert('agent-error-rate-critical', 'info'));
    await output.deliverSnsMessage('Quality drift', JSON.stringify({ type: 'quality_drift', state: 'drifting', severity: 'warning', title: 'Quality drifting', text: 'window mean 0.61' }));

    // Assess
    expect(printed).toEqual([expect.stringContaining('agent-error-rate-critical'), expect.stringContaining('Quality drifting')]);
    expect(recent.list()).toEqual([
      expect.objectContaining({ title: 'Quality drifting', severity: 'warning', topic: 'agent-alerts-warning', state: 'ALARM' }),
      { time: '2026-12-01T10:00:00.000Z', title: 'agent-error-rate-critical', alarm: 'agent-error-rate-critical', severity: 'info', topic: 'agent-alerts-info', state: 'ALARM' },
    ]);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    // Act, Assess
    expect(() => new RecentAlerts(0)).toThrow('RecentAlerts keeps a whole number of alerts, at least 1, got 0');
  });
});
