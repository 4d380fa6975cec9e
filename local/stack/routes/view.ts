import type { DashboardDefinition } from '../../../lib/catalog/dashboard/types';
import type { AlarmEvaluator } from '../../alarms';
import type { MetricStore } from '../../metrics';
import type { RecentAlert } from '../recent-alerts';

/** What the local stack's pages read: the metric store, the evaluated alarms and the recent alerts, for one service. */
export interface LocalStackView {
  readonly store: MetricStore;
  readonly evaluator: AlarmEvaluator;
  readonly serviceName: string;
  readonly namespace: string;
  /** The last alerts delivered, newest first. @default none (no alert list) */
  readonly recentAlerts?: () => readonly RecentAlert[];
  /** The dashboard the deployed stack gets, drawn at `/dashboard`. @default none (no dashboard page) */
  readonly dashboard?: DashboardDefinition;
}
