import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { EmfWriter } from '../../../functions/shared/monitoring/emf-writer';
import { RequestMonitor } from '../../../functions/shared/monitoring/request-monitor';
import { ALARM_IDS, alarmCatalog, type MetricAlarmDefinition } from '../../../lib/catalog/alarms';
import { METRICS } from '../../../lib/catalog/metrics';
import { AlarmEvaluator } from '../../../local/alarms';
import { MetricStore } from '../../../local/metrics';
import { at } from '../../support/emf-lines';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const catalog = alarmCatalog({ serviceName: 'support-bot' });
const overruns = catalog.find((d): d is MetricAlarmDefinition => d.id === ALARM_IDS.budgetOverruns && d.kind === 'metric')!;

/** The EMF lines of one request as the real monitor and writer print them; `overrun` replies cost more than their call held. */
function requestLines(timestamp: number, overrun: boolean): string[] {
  const lines: string[] = [];
  const writer = new EmfWriter({ namespace: 'AgentMonitoring', serviceName: 'support-bot', sink: (line) => lines.push(line) });
  const monitor = new RequestMonitor(`req-${timestamp}`, timestamp, () => 0.0048);
  monitor.recordUsage('gpt-4o-mini', { promptTokens: 100, completionTokens: 8000 });
  if (overrun) monitor.recordBudgetOverrun();
  for (const blob of monitor.toBlobs({ timestamp, durationMs: 900 })) writer.write(blob);
  return lines;
}

describe('the budget-overruns alarm', () => {
  it('is a warning on agent.budget.overruns that notifies the warning topic, with a runbook on disk', () => {
    // Assess
    expect(overruns).toMatchObject({
      name: 'support-bot-budget-overruns-warning',
      severity: 'warning',
      notify: 'warning',
      metric: { metric: METRICS.budgetOverruns, statistic: 'Sum', dimensions: { service: 'support-bot' } },
      threshold: 0,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      runbook: 'docs/runbooks/alarms/budget-overruns.md',
    });
    expect(existsSync(path.join(ROOT, overruns.runbook))).toBe(true);
    expect(overruns.description).toMatch(/^WARNING - .*max_completion_tokens/);
  });

  it('stays OK on replies within their holds and fires on one overrunning reply, evaluated on what the runtime writes', () => {
    // Prepare
    const store = new MetricStore();
    const evaluator = new AlarmEvaluator({ definitions: catalog, store, notifyOkFromInsufficientData: false });
    for (let minute = 0; minute < 20; minute++) for (const line of requestLines(at(minute), false)) store.ingestEmf(line);
    evaluator.evaluate(at(20));
    const before = evaluator.state(ALARM_IDS.budgetOverruns).state;

    // Act
    for (const line of requestLines(at(20.5), true)) store.ingestEmf(line);
    evaluator.evaluate(at(21));

    // Assess
    expect(before).toBe('OK');
    expect(evaluator.state(ALARM_IDS.budgetOverruns).state).toBe('ALARM');
    const notified = evaluator.notifications().filter((n) => n.alarmId === ALARM_IDS.budgetOverruns && n.state === 'ALARM');
    expect(notified.map((n) => n.severity)).toEqual(['warning']);
  });
});
