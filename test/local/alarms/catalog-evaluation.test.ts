import { ALARM_IDS, alarmCatalog, type CompositeAlarmDefinition } from '../../../lib/catalog/alarms';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { AlarmEvaluator } from '../../../local/alarms';
import { MetricStore } from '../../../local/metrics';
import { at, requestLines } from '../../support/emf-lines';

const catalog = alarmCatalog({ monitoredTools: ['calculator'] });
const unhealthy = catalog.find((d): d is CompositeAlarmDefinition => d.id === ALARM_IDS.agentUnhealthy && d.kind === 'composite')!;

/** Ten requests a minute through the real EMF writer; `failing(minute)` of them fail with `category`. */
function traffic(store: MetricStore, evaluator: AlarmEvaluator, lastMinute: number, failing: (minute: number) => number, category: ErrorCategory): void {
  for (let minute = 0; minute < lastMinute; minute++) {
    for (let i = 0; i < 10; i++) {
      const request = { timestamp: at(minute + i / 10), model: 'gpt-4o-mini', durationMs: 900 + i * 20, tools: [['calculator', true]] as const };
      for (const line of requestLines(i < failing(minute) ? { ...request, errorCategory: category } : request)) store.ingestEmf(line);
    }
    evaluator.evaluate(at(minute + 1));
  }
}

describe('the catalog evaluated on what the runtime writes', () => {
  it('keeps every alarm out of ALARM on quiet, healthy traffic', () => {
    // Prepare
    const store = new MetricStore();
    const evaluator = new AlarmEvaluator({ definitions: catalog, store });

    // Act
    traffic(store, evaluator, 30, () => 0, 'provider_error');

    // Assess
    expect(evaluator.history().filter((t) => t.to !== 'OK')).toEqual([]);
    expect(evaluator.states().map((s) => s.state)).toEqual(catalog.map(() => 'OK'));
    expect(evaluator.notifications().every((n) => n.state === 'OK')).toBe(true);
  });

  it('during a provider outage, the suppressor pages and agent-unhealthy is held back', () => {
    // Prepare: six of ten requests a minute fail with provider_error in minutes 10-24.
    const store = new MetricStore();
    const evaluator = new AlarmEvaluator({ definitions: catalog, store, notifyOkFromInsufficientData: false });

    // Act
    traffic(store, evaluator, 25, (minute) => (minute >= 10 ? 6 : 0), 'provider_error');

    // Assess
    const suppressor = unhealthy.actionsSuppressor!.alarm;
    expect(evaluator.state(suppressor).state).toBe('ALARM');
    expect(evaluator.state(ALARM_IDS.errorRate).state).toBe('ALARM');
    expect(evaluator.state(ALARM_IDS.agentUnhealthy)).toMatchObject({ state: 'ALARM', actionsSuppressedBy: 'Alarm' });
    const pages = evaluator.notifications().filter((n) => n.severity === 'critical' && n.state === 'ALARM');
    expect(pages.map((n) => n.alarmId)).toEqual([suppressor]);
    expect(pages[0].alert.text).toContain('LLM provider outage');
  });
});
