import { ALARM_IDS, alarmCatalog, type CompositeAlarmDefinition } from '../../../lib/catalog/alarms';
import type { ErrorCategory } from '../../../lib/catalog/error-categories';
import { METRICS } from '../../../lib/catalog/metrics';
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

  it('during a provider outage, the suppressor pages and unhealthy is held back', () => {
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

describe('the alerting path alarms evaluated locally', () => {
  it('page the critical topic on one failed delivery and on one dead-lettered alert, and stay OK without data', () => {
    // Prepare: nothing for 10 minutes, then the router's metric filter counts one failure and the queue holds one message.
    const definitions = alarmCatalog({ serviceName: 'support-bot', alertDeadLetterQueueName: 'router-dlq' });
    const store = new MetricStore({ now: () => at(30) });
    const evaluator = new AlarmEvaluator({ definitions, store, notifyOkFromInsufficientData: false });
    const ids = [ALARM_IDS.alertDeliveryFailures, ALARM_IDS.alertDeadLetters];
    for (let minute = 0; minute < 10; minute++) evaluator.evaluate(at(minute + 1));
    const quiet = ids.map((id) => evaluator.state(id).state);

    // Act
    store.putMetricData('AgentMonitoring', [{ MetricName: METRICS.alertDeliveryFailures.name, Dimensions: [{ Name: 'service', Value: 'support-bot' }], Value: 1, Timestamp: at(10.5) }]);
    store.putMetricData('AWS/SQS', [{ MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'router-dlq' }], Value: 1, Timestamp: at(10.5) }]);
    for (let minute = 10; minute < 15; minute++) evaluator.evaluate(at(minute + 1));

    // Assess
    expect(quiet).toEqual(['OK', 'OK']);
    expect(ids.map((id) => evaluator.state(id).state)).toEqual(['ALARM', 'ALARM']);
    const pages = evaluator.notifications().filter((n) => n.state === 'ALARM');
    expect(pages.map((n) => [n.alarmId, n.severity])).toEqual(ids.map((id) => [id, 'critical']));
  });
});
