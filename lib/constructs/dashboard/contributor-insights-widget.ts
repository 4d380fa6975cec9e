import { Aws } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

export interface ContributorInsightsWidgetProps {
  /** The Contributor Insights rule whose top contributors are drawn. */
  readonly ruleName: string;
  /** @default the rule name */
  readonly title?: string;
  /** How many contributors are drawn, 1 to 100. @default 10 */
  readonly maxContributorCount?: number;
  /** The statistic that ranks contributors. @default 'Sum' */
  readonly orderBy?: 'Sum' | 'Maximum';
  /** Seconds per datapoint: 60, 300, 900, 3600, 21600 or 86400. @default 3600 */
  readonly periodSeconds?: number;
  /** @default 8 */
  readonly width?: number;
  /** @default 6 */
  readonly height?: number;
}

const PERIODS = [60, 300, 900, 3600, 21600, 86400];

/**
 * The top contributors of a Contributor Insights rule over time, as the console's "Add to
 * dashboard" draws them: a metric widget whose properties hold `insightRule` instead of
 * `metrics`. The CDK has no such widget yet (aws/aws-cdk#13005), so this one writes the
 * dashboard-body JSON itself.
 */
export class ContributorInsightsWidget extends cloudwatch.ConcreteWidget {
  private readonly props: ContributorInsightsWidgetProps;

  constructor(props: ContributorInsightsWidgetProps) {
    super(props.width ?? 8, props.height ?? 6);
    const count = props.maxContributorCount ?? 10;
    if (!Number.isInteger(count) || count < 1 || count > 100) throw new Error(`maxContributorCount must be 1-100, got ${count}`);
    const period = props.periodSeconds ?? 3600;
    if (!PERIODS.includes(period)) throw new Error(`periodSeconds must be one of ${PERIODS.join(', ')}, got ${period}`);
    this.props = props;
  }

  toJson(): any[] {
    return [
      {
        type: 'metric',
        width: this.width,
        height: this.height,
        x: this.x,
        y: this.y,
        properties: {
          title: this.props.title ?? this.props.ruleName,
          region: Aws.REGION,
          view: 'timeSeries',
          stacked: false,
          period: this.props.periodSeconds ?? 3600,
          insightRule: {
            maxContributorCount: this.props.maxContributorCount ?? 10,
            orderBy: this.props.orderBy ?? 'Sum',
            ruleName: this.props.ruleName,
          },
          legend: { position: 'bottom' },
        },
      },
    ];
  }
}
