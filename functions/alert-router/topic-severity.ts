import { SEVERITIES, type Severity } from './alert';

/** Topic ARNs the deployment declares for each severity (set by the AlertRouter construct). */
export type TopicSeverities = Readonly<Partial<Record<Severity, string>>>;

/**
 * The severity of the topic a message came in on: the ARN declared for a severity, else a
 * topic name ending in `-critical`, `-warning` or `-info` (`_` and `.` work too), else none.
 */
export function topicSeverity(topicArn: string, declared: TopicSeverities = {}): Severity | undefined {
  const byArn = SEVERITIES.find((severity) => declared[severity] === topicArn);
  if (byArn) return byArn;
  const name = topicArn.split(':').pop()?.toLowerCase() ?? '';
  return SEVERITIES.find((severity) => new RegExp(`[-_.]${severity}(\\.fifo)?$`).test(name));
}
