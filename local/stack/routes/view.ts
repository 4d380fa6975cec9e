import type { AlarmEvaluator } from '../../alarms';
import type { MetricStore } from '../../metrics';

/** What the local stack's pages read: the metric store and the evaluated alarms, for one service. */
export interface LocalStackView {
  readonly store: MetricStore;
  readonly evaluator: AlarmEvaluator;
  readonly serviceName: string;
  readonly namespace: string;
}
