/**
 * What each built-in scenario must show: the alarms its fault must fire and how fast, the
 * alarms it must never fire, and those that may fire but must not notify. The tests check
 * every line against a run; the README table is `detectionTable()`.
 *
 * Detection is counted from the fault's first minute to the first evaluation that finds the
 * alarm in ALARM (the evaluation at the end of virtual minute m is minute m + 1), and to the
 * first ALARM notification of the alarm (composite alarms may hold theirs back: see the
 * actions suppressor of unhealthy).
 */
import { ALARM_IDS } from '../../lib/catalog/alarms';
import type { BuiltinScenarioName } from './scenario-loader';

/** An alarm the fault must fire. */
export interface IntendedAlarm {
  /** Catalog id, e.g. `provider-outage`. */
  readonly id: string;
  /** Minutes from the fault's start within which the alarm must be in ALARM. */
  readonly alarmWithinMinutes: number;
  /** Minutes from the fault's start within which its ALARM notification must be sent. */
  readonly notifiedWithinMinutes: number;
  /**
   * The limits on a warm service (`warmupHours: 24`) where they differ from a cold start's:
   * cold, the 1-day and 6-hour burn-rate windows hold only the run's own minutes and fire early.
   * @default the cold limits
   */
  readonly warm?: { readonly alarmWithinMinutes?: number; readonly notifiedWithinMinutes?: number };
}

/** A run's start: cold (no history), or warm (`warmupHours: 24` of steady traffic before minute 0). */
export type StartKind = 'cold' | 'warm';

/** The limits of an intended alarm for a cold or a warm start. */
export function limitsOf(alarm: IntendedAlarm, start: StartKind): { readonly alarmWithinMinutes: number; readonly notifiedWithinMinutes: number } {
  if (start === 'cold') return alarm;
  return { alarmWithinMinutes: alarm.warm?.alarmWithinMinutes ?? alarm.alarmWithinMinutes, notifiedWithinMinutes: alarm.warm?.notifiedWithinMinutes ?? alarm.notifiedWithinMinutes };
}

/** The expectations of one built-in scenario. */
export interface ScenarioExpectation {
  readonly scenario: BuiltinScenarioName;
  /** What goes wrong, in a few words. */
  readonly fault: string;
  /** The phase minute where the fault starts; undefined for a healthy scenario. */
  readonly faultStartMinute?: number;
  readonly intended: readonly IntendedAlarm[];
  /** Catalog ids that must never reach ALARM; `'*'` means no alarm at all but the conditions (CONDITION_ALARM_IDS), and no notification. */
  readonly forbidden: readonly string[] | '*';
  /** Catalog ids that may reach ALARM but must send no notification (actions suppressed). */
  readonly unnotified?: readonly string[];
}

const SPEND = [ALARM_IDS.spendHourlySpike, ALARM_IDS.spendDailyBudget, ALARM_IDS.budgetRejections, ALARM_IDS.unpricedModel];
const QUALITY = [ALARM_IDS.qualityScore, ALARM_IDS.qualityDrift, ALARM_IDS.judgeFailures, ALARM_IDS.judgeBacklogAge];
const LATENCY = [ALARM_IDS.latencyP95, ALARM_IDS.latencyP99];
const PROVIDER = [ALARM_IDS.providerOutage, ALARM_IDS.rateLimitStorm, ALARM_IDS.authError];

/** The built-in scenarios' expectations, in the order of the README table. */
export const BUILTIN_EXPECTATIONS: readonly ScenarioExpectation[] = [
  {
    scenario: 'baseline-24h',
    fault: 'none: 24 h of healthy traffic, 0.6 % background errors',
    intended: [],
    forbidden: '*',
  },
  {
    scenario: 'provider-outage',
    fault: '50 % HTTP 503 and 20 % HTTP 500 for 15 minutes',
    faultStartMinute: 30,
    intended: [{ id: ALARM_IDS.providerOutage, alarmWithinMinutes: 5, notifiedWithinMinutes: 5 }],
    forbidden: [ALARM_IDS.rateLimitStorm, ALARM_IDS.authError, ...LATENCY, ...SPEND, ...QUALITY],
    unnotified: [ALARM_IDS.agentUnhealthy],
  },
  {
    scenario: 'rate-limit-storm',
    fault: 'traffic surge to 120 requests/min, 2.5 % of them HTTP 429, for 20 minutes',
    faultStartMinute: 20,
    intended: [{ id: ALARM_IDS.rateLimitStorm, alarmWithinMinutes: 5, notifiedWithinMinutes: 5 }],
    forbidden: [ALARM_IDS.errorRate, ALARM_IDS.providerOutage, ALARM_IDS.authError, ALARM_IDS.agentUnhealthy, ...LATENCY, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'latency-spike',
    fault: 'every request 4x slower for 30 minutes',
    faultStartMinute: 30,
    intended: [
      { id: ALARM_IDS.latencyP95, alarmWithinMinutes: 10, notifiedWithinMinutes: 10 },
      { id: ALARM_IDS.latencyP99, alarmWithinMinutes: 15, notifiedWithinMinutes: 15 },
      { id: ALARM_IDS.agentUnhealthy, alarmWithinMinutes: 15, notifiedWithinMinutes: 20 },
    ],
    forbidden: [ALARM_IDS.errorRate, ...PROVIDER, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'cost-spike',
    fault: 'model switched to gpt-4o and traffic tripled for 60 minutes',
    faultStartMinute: 30,
    intended: [{ id: ALARM_IDS.spendHourlySpike, alarmWithinMinutes: 20, notifiedWithinMinutes: 20 }],
    forbidden: [ALARM_IDS.errorRate, ALARM_IDS.agentUnhealthy, ALARM_IDS.spendDailyBudget, ALARM_IDS.unpricedModel, ...PROVIDER, ...LATENCY, ...QUALITY],
  },
  {
    scenario: 'quality-drift',
    fault: 'answer quality drops from 0.9 to 0.72',
    faultStartMinute: 90,
    intended: [
      { id: ALARM_IDS.qualityDrift, alarmWithinMinutes: 20, notifiedWithinMinutes: 20 },
      { id: ALARM_IDS.qualityScore, alarmWithinMinutes: 45, notifiedWithinMinutes: 45 },
    ],
    forbidden: [ALARM_IDS.errorRate, ALARM_IDS.agentUnhealthy, ALARM_IDS.judgeFailures, ALARM_IDS.judgeBacklogAge, ...PROVIDER, ...LATENCY, ...SPEND],
  },
  {
    scenario: 'auth-failure',
    fault: 'API key revoked: every request HTTP 401',
    faultStartMinute: 30,
    intended: [
      { id: ALARM_IDS.authError, alarmWithinMinutes: 2, notifiedWithinMinutes: 2 },
      { id: ALARM_IDS.agentUnhealthy, alarmWithinMinutes: 2, notifiedWithinMinutes: 5 },
    ],
    forbidden: [ALARM_IDS.providerOutage, ALARM_IDS.rateLimitStorm, ...LATENCY, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'bad-deploy',
    fault: 'a deploy whose every invocation fails at initialization (no handler code runs)',
    faultStartMinute: 30,
    intended: [
      { id: ALARM_IDS.lambdaErrors, alarmWithinMinutes: 4, notifiedWithinMinutes: 4 },
      // Cold, the slow burn (1-day window of the run alone) trips unhealthy at once; warm, it waits for lambda-errors.
      { id: ALARM_IDS.agentUnhealthy, alarmWithinMinutes: 4, notifiedWithinMinutes: 5, warm: { notifiedWithinMinutes: 6 } },
    ],
    forbidden: [ALARM_IDS.monitoringSilent, ALARM_IDS.lambdaThrottles, ...PROVIDER, ...LATENCY, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'lambda-throttling',
    fault: '20 % of requests throttled by Lambda (the handler never runs)',
    faultStartMinute: 30,
    intended: [{ id: ALARM_IDS.lambdaThrottles, alarmWithinMinutes: 5, notifiedWithinMinutes: 5 }],
    forbidden: [ALARM_IDS.lambdaErrors, ALARM_IDS.monitoringSilent, ALARM_IDS.errorRate, ...PROVIDER, ...LATENCY, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'lambda-timeouts',
    fault: '20 % of invocations reach the function timeout (no metrics written)',
    faultStartMinute: 30,
    intended: [
      { id: ALARM_IDS.lambdaErrors, alarmWithinMinutes: 5, notifiedWithinMinutes: 5 },
      { id: ALARM_IDS.agentUnhealthy, alarmWithinMinutes: 5, notifiedWithinMinutes: 10 },
    ],
    forbidden: [ALARM_IDS.monitoringSilent, ALARM_IDS.lambdaThrottles, ALARM_IDS.errorRate, ...PROVIDER, ...LATENCY, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'lambda-crashes',
    fault: '15 % of invocations crash after the handler started (runtime crash, out of memory)',
    faultStartMinute: 30,
    intended: [
      { id: ALARM_IDS.lambdaErrors, alarmWithinMinutes: 6, notifiedWithinMinutes: 6 },
      { id: ALARM_IDS.agentUnhealthy, alarmWithinMinutes: 6, notifiedWithinMinutes: 10 },
    ],
    forbidden: [ALARM_IDS.monitoringSilent, ALARM_IDS.lambdaThrottles, ALARM_IDS.errorRate, ...PROVIDER, ...LATENCY, ...SPEND, ...QUALITY],
  },
  {
    scenario: 'metrics-silent',
    fault: 'the agent runs normally but none of its EMF reaches CloudWatch',
    faultStartMinute: 30,
    intended: [
      { id: ALARM_IDS.monitoringSilent, alarmWithinMinutes: 10, notifiedWithinMinutes: 10 },
      { id: ALARM_IDS.agentUnhealthy, alarmWithinMinutes: 10, notifiedWithinMinutes: 15 },
    ],
    forbidden: [ALARM_IDS.lambdaErrors, ALARM_IDS.lambdaThrottles, ALARM_IDS.errorRate, ...PROVIDER, ...LATENCY, ...SPEND, ...QUALITY],
  },
];

/** The expectations of one built-in scenario. */
export function expectationFor(scenario: BuiltinScenarioName): ScenarioExpectation {
  const expectation = BUILTIN_EXPECTATIONS.find((candidate) => candidate.scenario === scenario);
  if (!expectation) throw new Error(`no expectations for built-in scenario ${scenario}`);
  return expectation;
}

/**
 * The README table of the built-ins: scenario, fault and its first minute, each intended
 * alarm with its documented limits (minutes from the fault's start to ALARM and to its
 * notification; `5 min (warm 6 min)` where a warm service's differs), and the alarms the
 * scenario must not fire (on its first row).
 *
 * @example
 * console.log(detectionTable());
 */
export function detectionTable(): string {
  const rows = [
    '| scenario | fault | from minute | intended alarm | in ALARM within | notified within | must not fire |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const expectation of BUILTIN_EXPECTATIONS) {
    const start = expectation.faultStartMinute === undefined ? '-' : String(expectation.faultStartMinute);
    const forbidden = expectation.forbidden === '*' ? 'any alarm' : expectation.forbidden.join(', ');
    const intended = expectation.intended.length > 0 ? expectation.intended : [undefined];
    intended.forEach((alarm, index) => {
      const head = index === 0 ? [expectation.scenario, expectation.fault, start] : ['', '', ''];
      const limits = alarm ? [alarm.id, ...limitCells(alarm)] : ['none', '-', '-'];
      rows.push(`| ${[...head, ...limits, index === 0 ? forbidden : ''].join(' | ')} |`);
    });
  }
  return rows.join('\n');
}

/** The table's "in ALARM within" and "notified within" cells of an intended alarm: `4 min`, or `5 min (warm 6 min)`. */
export function limitCells(alarm: IntendedAlarm): [alarmWithin: string, notifiedWithin: string] {
  const cold = limitsOf(alarm, 'cold');
  const warm = limitsOf(alarm, 'warm');
  const cell = (coldMinutes: number, warmMinutes: number) => (coldMinutes === warmMinutes ? `${coldMinutes} min` : `${coldMinutes} min (warm ${warmMinutes} min)`);
  return [cell(cold.alarmWithinMinutes, warm.alarmWithinMinutes), cell(cold.notifiedWithinMinutes, warm.notifiedWithinMinutes)];
}
