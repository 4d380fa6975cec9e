import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { RequestBudget } from '../../../functions/agent/request-budget';
import { BudgetCounter } from '../../../functions/shared/budget/budget-counter';
import { EmfWriter } from '../../../functions/shared/monitoring/emf-writer';
import { RequestMonitor } from '../../../functions/shared/monitoring/request-monitor';
import { ALARM_IDS, alarmCatalog, type MetricAlarmDefinition } from '../../../lib/catalog/alarms';
import { METRICS } from '../../../lib/catalog/metrics';
import { AlarmEvaluator } from '../../../local/alarms';
import { MetricStore } from '../../../local/metrics';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICE = 'support-bot';
const BUDGET_USD = 5;
const REQUEST_USD = 0.05;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A UTC midnight at least 10 hours ago, so that every timestamp of the tests is in the past (Powertools refuses future ones). */
const MIDNIGHT = Math.floor((Date.now() - 10 * HOUR) / DAY) * DAY;

const catalog = alarmCatalog({ serviceName: SERVICE, dailyBudgetUsd: BUDGET_USD });
const alarm = catalog.find((d): d is MetricAlarmDefinition => d.id === ALARM_IDS.spendDailyBudget && d.kind === 'metric')!;

let dynamo: LocalDynamo;
let tables = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

/** The agent and the judge charging one budget counter, the agent's EMF in a metric store, the catalog's daily budget alarm evaluated every minute. */
async function budgetWorld() {
  const tableName = `budget-${++tables}`;
  await dynamo.createTables({ budget: tableName });
  let now = MIDNIGHT;
  const counter = new BudgetCounter({ doc: dynamo.doc, tableName, limits: { dailyUsd: BUDGET_USD, softThreshold: 0.8 }, service: SERVICE, now: () => now });
  const store = new MetricStore();
  const evaluator = new AlarmEvaluator({ definitions: [alarm], store, notifyOkFromInsufficientData: false });
  const writer = new EmfWriter({ namespace: 'AgentMonitoring', serviceName: SERVICE, sink: (line) => store.ingestEmf(line) });
  let evaluatedUntil = MIDNIGHT - DAY;

  /** One agent request at `time` through the real budget hold and monitor: refused by the guard, or one reply of REQUEST_USD. */
  async function agentRequest(time: number): Promise<void> {
    now = time;
    const monitor = new RequestMonitor(`req-${time}`, time, () => REQUEST_USD);
    let errorCategory: 'budget_exceeded' | undefined;
    try {
      const hold = await RequestBudget.open(counter, monitor, { model: 'gpt-4o-mini', estimateUsd: REQUEST_USD });
      monitor.recordUsage('gpt-4o-mini', { promptTokens: 500, completionTokens: 200 });
      await hold.settle();
    } catch {
      errorCategory = 'budget_exceeded';
    }
    for (const blob of monitor.toBlobs({ timestamp: time, durationMs: 800, errorCategory })) writer.write(blob);
  }

  return {
    /** Agent requests every `everyMinutes` from `from` to `to` (epoch ms), evaluating the alarm each minute. */
    async agent(from: number, to: number, everyMinutes: number): Promise<void> {
      for (let time = from; time < to; time += everyMinutes * MINUTE) {
        this.evaluateUntil(time);
        await agentRequest(time);
      }
      this.evaluateUntil(to);
    },
    /** The judge charging `usd` to the same counter at `time`, as JudgeBudget does. */
    async judge(time: number, usd: number): Promise<void> {
      now = time;
      const reservation = await counter.reserve({ requestId: `judge-run-${time}`, estimateUsd: usd, source: 'judge' });
      await counter.settle(reservation, usd);
    },
    evaluateUntil(time: number): void {
      const first = Math.max(evaluatedUntil + MINUTE, Math.ceil((time - 3 * HOUR) / MINUTE) * MINUTE);
      for (let minute = first; minute <= time; minute += MINUTE) evaluator.evaluate(minute);
      evaluatedUntil = Math.max(evaluatedUntil, time);
    },
    evaluator,
    counter,
  };
}

describe('the spend-daily-budget alarm', () => {
  it('watches what the budget guard enforces: the UTC day utilization of agent and judge spend, at the soft threshold', () => {
    // Assess
    expect(alarm).toMatchObject({
      name: 'support-bot-spend-daily-budget-warning',
      severity: 'warning',
      notify: 'warning',
      metric: { metric: METRICS.budgetUtilization, statistic: 'Maximum', dimensions: { service: SERVICE } },
      periodSeconds: 300,
      threshold: 80,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    });
    expect(alarm.description).toMatch(/^WARNING - Daily budget 80 % spent\. .*UTC day, agent and judge/);
    expect(existsSync(path.join(ROOT, alarm.runbook))).toBe(true);
  });

  it('fires on a day whose agent spend passes the threshold only with the judge spend counted', async () => {
    // Prepare: the judge spends 2 USD in the first hour; the agent alone never reaches 4 USD (80 % of 5).
    const world = await budgetWorld();
    await world.judge(MIDNIGHT + HOUR, 2);

    // Act: 3.5 USD of agent requests asked for over 3.5 hours.
    await world.agent(MIDNIGHT + 2 * HOUR, MIDNIGHT + 5.5 * HOUR, 3);

    // Assess
    const alarms = world.evaluator.history().filter((t) => t.to === 'ALARM');
    expect(alarms.map((t) => t.name)).toEqual(['support-bot-spend-daily-budget-warning']);
    expect(alarms[0].time).toBeGreaterThan(MIDNIGHT + 2 * HOUR);
    expect(await world.counter.spentToday()).toBeGreaterThanOrEqual(0.8 * BUDGET_USD);
  });

  it('stays OK when spend across a UTC midnight passes the budget in 24 hours but not in either UTC day', async () => {
    // Prepare
    const world = await budgetWorld();

    // Act: 3 USD (60 %) in the 5 hours before midnight, 3 USD in the 5 hours after.
    await world.agent(MIDNIGHT - 5 * HOUR, MIDNIGHT, 5);
    await world.agent(MIDNIGHT, MIDNIGHT + 5 * HOUR, 5);

    // Assess
    expect(world.evaluator.history().filter((t) => t.to === 'ALARM')).toEqual([]);
    expect(world.evaluator.state(ALARM_IDS.spendDailyBudget).state).toBe('OK');
  });
});
