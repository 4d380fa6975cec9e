import { App } from 'aws-cdk-lib';
import { ALARM_IDS, alarmCatalog, toolErrorRateId, toolSlug } from '../../../lib/catalog/alarms';
import { alarmSettingsFrom, configFromContext, type MonitoringConfig } from '../../../lib/config';
import { synthStack, type SynthesizedApp } from '../../support/synth';

interface AlarmProperties {
  readonly AlarmName: string;
  readonly AlarmDescription: string;
  readonly Threshold: number;
  readonly Metrics?: readonly { readonly Id: string; readonly Expression?: string }[];
}

/** The CloudWatch alarm the template holds for the catalog alarm `id`. */
function alarmProperties(synthesized: SynthesizedApp, config: MonitoringConfig, id: string): AlarmProperties {
  const name = alarmCatalog(alarmSettingsFrom(config)).find((definition) => definition.id === id)?.name;
  const alarms = Object.values(synthesized.template.findResources('AWS::CloudWatch::Alarm')) as { Properties: AlarmProperties }[];
  const matches = alarms.filter((alarm) => alarm.Properties.AlarmName === name);
  expect(matches).toHaveLength(1);
  return matches[0].Properties;
}

function expressions(alarm: AlarmProperties): string {
  return (alarm.Metrics ?? []).map((metric) => metric.Expression ?? '').join('\n');
}

describe('alarm tuning from `-c` in the synthesized template', () => {
  // Prepare
  const context = {
    errorRatePercent: '3',
    errorRateMinRequests: '12',
    toolErrorRatePercent: '20',
    toolMinCalls: '4',
    judgeBacklogMaxAgeSeconds: '1800',
    rateLimitStormErrors: '25',
    budgetSoftThreshold: '0.9',
  };
  const config = configFromContext(new App({ context }).node);
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthStack({ config });
  }, 240_000);

  it('errorRatePercent=3 and errorRateMinRequests=12 set the error-rate alarm’s threshold, minimum and description', () => {
    // Act
    const alarm = alarmProperties(synthesized, config, ALARM_IDS.errorRate);

    // Assess
    expect(alarm.Threshold).toBe(3);
    expect(expressions(alarm)).toContain('>= 12');
    expect(alarm.AlarmDescription).toContain('More than 3 % of requests failed');
    expect(alarm.AlarmDescription).toContain('at least 12 requests each');
  });

  it('toolErrorRatePercent=20 and toolMinCalls=4 set every monitored tool’s alarm', () => {
    // Act
    const alarms = config.monitoredTools.map((tool) => alarmProperties(synthesized, config, toolErrorRateId(toolSlug(tool))));

    // Assess
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) {
      expect(alarm.Threshold).toBe(20);
      expect(expressions(alarm)).toContain('>= 4');
    }
  });

  it('judgeBacklogMaxAgeSeconds=1800 and rateLimitStormErrors=25 set those alarms’ thresholds', () => {
    // Act
    const backlog = alarmProperties(synthesized, config, ALARM_IDS.judgeBacklogAge);
    const storm = alarmProperties(synthesized, config, ALARM_IDS.rateLimitStorm);

    // Assess
    expect(backlog.Threshold).toBe(1800);
    expect(storm.Threshold).toBe(25);
  });

  it('budgetSoftThreshold=0.9 sets the daily-budget alarm and the agent guard’s BUDGET_SOFT_THRESHOLD alike', () => {
    // Act
    const alarm = alarmProperties(synthesized, config, ALARM_IDS.spendDailyBudget);
    const functions = Object.values(synthesized.template.findResources('AWS::Lambda::Function')) as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }[];
    const agent = functions.find((fn) => fn.Properties.Environment?.Variables?.AGENT_MODEL !== undefined);

    // Assess
    expect(alarm.Threshold).toBe(90);
    expect(agent?.Properties.Environment?.Variables?.BUDGET_SOFT_THRESHOLD).toBe('0.9');
  });
});
