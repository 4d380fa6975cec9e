import { alarmRows, phaseBands, phaseLabel } from '../../../../local/simulator/report-html';
import type { SimulatedAlarm } from '../../../../local/simulator/result';

describe('alarmRows', () => {
  it('spans each ALARM to the next transition, and one still in ALARM to the end of the run', () => {
    // Prepare
    const alarms: SimulatedAlarm[] = [
      {
        name: 'agent-error-rate-critical',
        severity: 'critical',
        firstAlarmMinute: 12,
        transitions: [
          { minute: 1, state: 'OK' },
          { minute: 12, state: 'ALARM' },
          { minute: 20, state: 'OK' },
          { minute: 40, state: 'ALARM' },
        ],
      },
      { name: 'agent-latency-p99-warning', severity: 'warning', firstAlarmMinute: 5, transitions: [{ minute: 5, state: 'ALARM' }, { minute: 9, state: 'INSUFFICIENT_DATA' }] },
    ];

    // Act
    const rows = alarmRows(alarms, 60);

    // Assess
    expect(rows).toEqual([
      { name: 'agent-error-rate-critical', severity: 'critical', spans: [{ fromMinute: 12, toMinute: 20 }, { fromMinute: 40, toMinute: 60 }] },
      { name: 'agent-latency-p99-warning', severity: 'warning', spans: [{ fromMinute: 5, toMinute: 9 }] },
    ]);
  });
});

describe('phaseBands', () => {
  it('sorts the phases by their start and says what each changes', () => {
    // Act
    const bands = phaseBands([
      { fromMinute: 50, toMinute: 60, initFailure: true },
      { fromMinute: 30, toMinute: 45, errors: { service_unavailable: 0.5, provider_error: 0.2 }, latencyMultiplier: 3 },
      { fromMinute: 10, toMinute: 20, model: 'gpt-4o', quality: 0.6, requestsPerMinute: 120, lambda: { crashes: 0.1, throttles: 0 }, metricsLost: 0.25 },
    ]);

    // Assess
    expect(bands).toEqual([
      { fromMinute: 10, toMinute: 20, label: 'quality 0.6; model gpt-4o; 120 requests/min; Lambda crashes 10 %; metrics lost 25 %' },
      { fromMinute: 30, toMinute: 45, label: 'errors service_unavailable 50 %, provider_error 20 %; latency ×3' },
      { fromMinute: 50, toMinute: 60, label: 'init failure' },
    ]);
    expect(phaseLabel({ fromMinute: 0, toMinute: 1 })).toBe('phase');
  });
});
