/** One CloudWatch widget per panel view of the dashboard definition. */
import { Aws } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type {
  AlarmStatusPanel,
  AxisSettings,
  DashboardPanel,
  RecentAlertsPanel,
  SingleValuePanel,
  Threshold,
  TimeseriesPanel,
  TopContributorsPanel,
} from '../../catalog/dashboard';
import { cloudWatchMetric } from './cloudwatch-queries';
import { ContributorInsightsWidget } from './contributor-insights-widget';

/** Resolves an alarm of the definition (by name) to the CDK alarm whose ARN the widget lists. */
export type AlarmLookup = (name: string) => cloudwatch.IAlarm;

/** The CloudWatch widget of one panel. */
export function cloudWatchWidget(panel: DashboardPanel, alarmOf: AlarmLookup): cloudwatch.IWidget {
  switch (panel.view) {
    case 'single-value':
      return singleValue(panel);
    case 'timeseries':
      return graph(panel);
    case 'alarm-status':
      return alarmStatus(panel, alarmOf);
    case 'recent-alerts':
      return recentAlerts(panel);
    case 'top-contributors':
      return topContributors(panel);
  }
}

function singleValue(panel: SingleValuePanel): cloudwatch.SingleValueWidget {
  return new cloudwatch.SingleValueWidget({
    title: panel.title,
    metrics: panel.queries.map(cloudWatchMetric),
    width: panel.width,
    height: panel.height,
    sparkline: true,
  });
}

function graph(panel: TimeseriesPanel): cloudwatch.GraphWidget {
  const onAxis = (axis: 'left' | 'right') => panel.queries.filter((query) => (query.axis ?? 'left') === axis).map(cloudWatchMetric);
  const right = onAxis('right');
  return new cloudwatch.GraphWidget({
    title: panel.title,
    left: onAxis('left'),
    right: right.length > 0 ? right : undefined,
    leftAnnotations: annotations(panel.thresholds, 'left'),
    rightAnnotations: annotations(panel.thresholds, 'right'),
    leftYAxis: yAxis(panel.leftAxis),
    rightYAxis: panel.rightAxis ? yAxis(panel.rightAxis) : undefined,
    stacked: panel.stacked,
    width: panel.width,
    height: panel.height,
  });
}

function yAxis(axis: AxisSettings): cloudwatch.YAxisProps {
  return { min: axis.min ?? 0, max: axis.max, label: axis.label, showUnits: false };
}

function annotations(thresholds: readonly Threshold[] | undefined, axis: 'left' | 'right'): cloudwatch.HorizontalAnnotation[] | undefined {
  const onAxis = (thresholds ?? []).filter((threshold) => (threshold.axis ?? 'left') === axis);
  if (onAxis.length === 0) return undefined;
  return onAxis.map(({ value, label, color }) => ({ value, label, color }));
}

function alarmStatus(panel: AlarmStatusPanel, alarmOf: AlarmLookup): cloudwatch.AlarmStatusWidget {
  return new cloudwatch.AlarmStatusWidget({
    title: panel.title,
    alarms: panel.alarms.map((alarm) => alarmOf(alarm.name)),
    sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
    width: panel.width,
    height: panel.height,
  });
}

/**
 * CloudWatch has no widget listing the notifications sent, so the panel says where they are:
 * the alarms list filtered to the service's alarms (each alarm's History tab lists its state
 * changes and the notifications they sent) and the CLI call that lists the notifications.
 */
function recentAlerts(panel: RecentAlertsPanel): cloudwatch.TextWidget {
  const prefix = panel.alarmNamePrefix;
  const alarmsList = `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#alarmsV2:?~(search~'${encodeURIComponent(prefix)}')`;
  const markdown = [
    `### ${panel.title}`,
    `CloudWatch dashboards cannot list the alerts sent. Each alarm above notifies its severity's SNS topic on ALARM and on OK. ` +
      `The [${prefix}* alarms](${alarmsList}) show their last state change; an alarm's History tab lists every change and notification. ` +
      `The latest notifications of the region's alarms: \`${panel.historyCommand}\`.`,
  ].join('\n\n');
  return new cloudwatch.TextWidget({ markdown, width: panel.width, height: panel.height });
}

function topContributors(panel: TopContributorsPanel): ContributorInsightsWidget {
  return new ContributorInsightsWidget({
    ruleName: panel.ruleName,
    title: panel.title,
    orderBy: panel.orderBy,
    periodSeconds: panel.periodSeconds,
    maxContributorCount: panel.maxContributorCount,
    width: panel.width,
    height: panel.height,
  });
}
