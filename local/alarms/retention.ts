import type { AlarmDefinition } from '../../lib/catalog/alarms';
import { evaluationRange } from './missing-data';

/**
 * The store retention that lets every alarm read its whole evaluation range (period × (N + 2)):
 * 3 days for the catalog's one-day windows. A shorter retention (the store's default of one
 * day) only changes what an alarm sees once its metric stopped flowing a day ago: CloudWatch
 * would re-evaluate the older datapoints, the local alarm finds them missing.
 *
 * @example
 * const store = new MetricStore({ retentionSeconds: requiredRetentionSeconds(alarmCatalog()) });
 */
export function requiredRetentionSeconds(definitions: readonly AlarmDefinition[]): number {
  let longest = 60;
  for (const d of definitions) if (d.kind === 'metric') longest = Math.max(longest, d.periodSeconds * evaluationRange(d.evaluationPeriods));
  return longest;
}
