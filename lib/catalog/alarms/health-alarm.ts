/**
 * "Agent unhealthy" (`unhealthy`): the one page for the agent's critical symptoms.
 *
 * Its children (error rate, P99 latency, auth errors, fast and medium SLO burn) send their
 * own ALARM/OK to the info topic only, so an incident pages once, through this composite,
 * whose message names the children that triggered it.
 *
 * `provider-outage` pages by itself and is this composite's actions suppressor: while the
 * provider is down, the children fire as consequences, and CloudWatch holds this composite's
 * actions, so the on-call gets one page that names the cause. `provider-outage` is itself a
 * composite (one metric alarm per error category); CloudWatch accepts any alarm, metric or
 * composite, as an actions suppressor. Wait period: how much later than the fastest child the
 * suppressor can reach ALARM (M datapoints × period of the slowest metric alarm under it).
 * Extension period: how long children keep echoing the outage once it ends (the longest
 * short burn window that pages, 30 minutes), so the recovery tail does not page either.
 */
import { compositeAlarm } from './define';
import { ALARM_IDS } from './naming';
import { ruleAlarmIds } from './rules';
import type { ResolvedAlarmSettings } from './settings';
import { BURN_RATE_TIERS } from './slo-alarms';
import type { AlarmDefinition, CompositeAlarmDefinition } from './types';

/** The children of `unhealthy`, in rule order; the traffic floor only when configured. */
export const HEALTH_CHILD_IDS: readonly string[] = [
  ALARM_IDS.errorRate,
  ALARM_IDS.latencyP99,
  ALARM_IDS.authError,
  ALARM_IDS.sloFastBurn,
  ALARM_IDS.sloMediumBurn,
  ALARM_IDS.lambdaErrors,
  ALARM_IDS.monitoringSilent,
  ALARM_IDS.trafficFloor,
];

/** Children that exist only when a setting turns them on. */
const OPTIONAL_CHILD_IDS: readonly string[] = [ALARM_IDS.trafficFloor];

export const HEALTH_SUPPRESSOR_ID = ALARM_IDS.providerOutage;

export function agentUnhealthy(s: ResolvedAlarmSettings, earlier: readonly AlarmDefinition[]): CompositeAlarmDefinition {
  const suppressor = earlier.find((d) => d.id === HEALTH_SUPPRESSOR_ID);
  if (!suppressor) throw new Error(`${ALARM_IDS.agentUnhealthy} needs the ${HEALTH_SUPPRESSOR_ID} alarm before it in the catalog`);
  const children = HEALTH_CHILD_IDS.flatMap((id) => {
    const child = earlier.find((d) => d.id === id);
    if (child) return [child];
    if (OPTIONAL_CHILD_IDS.includes(id)) return [];
    throw new Error(`${ALARM_IDS.agentUnhealthy} needs the ${id} alarm before it in the catalog`);
  });
  return compositeAlarm(
    s,
    {
      id: ALARM_IDS.agentUnhealthy,
      title: 'Agent unhealthy',
      severity: 'critical',
      runbookId: 'unhealthy',
      meaning: `At least one critical symptom is in ALARM: ${children.map((c) => c.title).join('; ')}. The message names the triggering alarm.`,
      action: `Open the triggering child's runbook and act now. Not sent while ${suppressor.name} (which pages by itself) is in ALARM.`,
      notify: 'critical',
    },
    {
      rule: { anyOf: children.map((child) => ({ alarm: child.id })) },
      actionsSuppressor: {
        alarm: suppressor.id,
        waitSeconds: secondsToAlarm(suppressor, earlier),
        extensionSeconds: longestPagingShortWindow(),
      },
    },
  );
}

/**
 * The longest an alarm can take to reach ALARM once its cause has begun: M datapoints of its
 * period for a metric alarm; for a composite, the slowest alarm its rule names (an upper bound).
 */
function secondsToAlarm(definition: AlarmDefinition, earlier: readonly AlarmDefinition[]): number {
  if (definition.kind === 'metric') return definition.datapointsToAlarm * definition.periodSeconds;
  return Math.max(
    ...ruleAlarmIds(definition.rule).map((id) => {
      const named = earlier.find((d) => d.id === id);
      if (!named) throw new Error(`${definition.id} names ${id}, which is not defined before it`);
      return secondsToAlarm(named, earlier);
    }),
  );
}

function longestPagingShortWindow(): number {
  return Math.max(...BURN_RATE_TIERS.filter((tier) => tier.severity === 'critical').map((tier) => tier.shortWindowSeconds));
}
