import {
  ALARM_IDS,
  AWS_LAMBDA_METRICS,
  BURN_RATE_TIERS,
  HEALTH_CHILD_IDS,
  alarmCatalog,
  burnWindowId,
  type AlarmDefinition,
  type AlarmSettings,
  type CompositeAlarmDefinition,
  type MetricAlarmDefinition,
  type MetricRef,
} from '../../../lib/catalog/alarms';
import { METRICS, type MetricSpec } from '../../../lib/catalog/metrics';

const SETTINGS: AlarmSettings = { serviceName: 'support-bot', agentFunctionName: 'prod-agent' };

function byId<T extends AlarmDefinition = MetricAlarmDefinition>(definitions: AlarmDefinition[], id: string): T {
  const found = definitions.find((d) => d.id === id);
  if (!found) throw new Error(`no alarm ${id}`);
  return found as T;
}

function agentLambda(metric: MetricSpec, statistic: MetricRef['statistic'] = 'Sum'): MetricRef {
  return { metric, statistic, namespace: 'AWS/Lambda', dimensions: { FunctionName: 'prod-agent' } };
}

function own(metric: MetricSpec, dimensions: Record<string, string> = {}): MetricRef {
  return { metric, statistic: 'Sum', namespace: 'AgentMonitoring', dimensions: { service: 'support-bot', ...dimensions } };
}

describe('the ground-truth alarms on the agent function’s AWS/Lambda metrics', () => {
  const catalog = alarmCatalog(SETTINGS);

  it('lambda-errors: critical through unhealthy, the share of invocations that failed in Lambda, from 5 invocations a minute', () => {
    // Act
    const alarm = byId(catalog, ALARM_IDS.lambdaErrors);

    // Assess
    expect(alarm).toMatchObject({
      name: 'support-bot-lambda-errors-critical',
      severity: 'critical',
      notify: 'info',
      runbook: 'docs/runbooks/alarms/lambda-errors.md',
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: 5,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    expect(alarm.metric).toBeUndefined();
    expect(alarm.math?.expression).toBe('IF(invocations >= 5, 100 * lambda_errors / invocations, 0)');
    expect(alarm.math?.metrics).toEqual({ invocations: agentLambda(AWS_LAMBDA_METRICS.invocations), lambda_errors: agentLambda(AWS_LAMBDA_METRICS.errors) });
  });

  it('monitoring-silent: critical through unhealthy, the partial-loss share OR no request counted while Lambda ran invocations', () => {
    // Act
    const alarm = byId<CompositeAlarmDefinition>(catalog, ALARM_IDS.monitoringSilent);
    const [partial, absent, invoked] = [ALARM_IDS.monitoringSilentPartial, ALARM_IDS.monitoringSilentAbsent, ALARM_IDS.agentInvoked].map((id) => byId(catalog, id));

    // Assess
    expect(alarm).toMatchObject({ kind: 'composite', name: 'support-bot-monitoring-silent-critical', severity: 'critical', notify: 'info', runbook: 'docs/runbooks/alarms/monitoring-silent.md' });
    expect(alarm.rule).toEqual({ anyOf: [{ alarm: partial.id }, { allOf: [{ alarm: absent.id }, { alarm: invoked.id }] }] });
    const ids = catalog.map((d) => d.id);
    for (const block of [partial, absent, invoked]) {
      expect(block).toMatchObject({ kind: 'metric', severity: 'info', runbook: 'docs/runbooks/alarms/monitoring-silent.md', periodSeconds: 300 });
      expect(block.notify).toBeUndefined();
      expect(ids.indexOf(block.id)).toBeLessThan(ids.indexOf(alarm.id));
    }
    expect(partial).toMatchObject({ name: 'support-bot-monitoring-silent-partial-info', evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 25, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' });
    expect(partial.math?.expression).toBe('IF(invocations >= 10, 100 * (invocations - lambda_errors - FILL(requests, 0)) / invocations, 0)');
    expect(partial.math?.metrics).toEqual({ invocations: agentLambda(AWS_LAMBDA_METRICS.invocations), lambda_errors: agentLambda(AWS_LAMBDA_METRICS.errors), requests: own(METRICS.requests) });
    // One period: its 3-period range empty of requests fires it 15 minutes after the last one.
    expect(absent).toMatchObject({ metric: own(METRICS.requests), evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 1, comparison: 'LessThanThreshold', treatMissingData: 'breaching' });
    expect(invoked).toMatchObject({ evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 10, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'notBreaching' });
    expect(invoked.math?.expression).toBe('invocations - lambda_errors');
    expect(invoked.math?.metrics).toEqual({ invocations: agentLambda(AWS_LAMBDA_METRICS.invocations), lambda_errors: agentLambda(AWS_LAMBDA_METRICS.errors) });
  });

  it('lambda-throttles: a warning on the share of requests throttled, of invocations plus throttles', () => {
    // Act
    const alarm = byId(catalog, ALARM_IDS.lambdaThrottles);

    // Assess
    expect(alarm).toMatchObject({
      name: 'support-bot-lambda-throttles-warning',
      severity: 'warning',
      notify: 'warning',
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: 1,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    expect(alarm.math?.expression).toBe('IF((FILL(invocations, 0) + throttles) >= 5, 100 * throttles / (FILL(invocations, 0) + throttles), 0)');
    expect(alarm.math?.metrics).toEqual({ invocations: agentLambda(AWS_LAMBDA_METRICS.invocations), throttles: agentLambda(AWS_LAMBDA_METRICS.throttles) });
  });

  const ACCOUNT_CONCURRENCY = { metric: AWS_LAMBDA_METRICS.concurrentExecutions, statistic: 'Maximum', namespace: 'AWS/Lambda', dimensions: {} };

  it.each<[string, AlarmSettings, number, number, 'function' | 'account']>([
    ['the account default of 1000', {}, 1000, 800, 'account'],
    ['a reserved concurrency of 50', { agentConcurrencyLimit: 50, concurrencyScope: 'function' }, 50, 40, 'function'],
    ['90 % of an account limit of 25, rounded down', { agentConcurrencyLimit: 25, concurrencyAlarmPercent: 90 }, 25, 22, 'account'],
  ])('lambda-concurrency: a warning on the maximum ConcurrentExecutions past 80 %% of the limit (%s)', (_case, settings, limit, threshold, scope) => {
    // Act
    const alarm = byId(alarmCatalog({ ...SETTINGS, ...settings }), ALARM_IDS.lambdaConcurrency);

    // Assess
    expect(alarm).toMatchObject({
      name: 'support-bot-lambda-concurrency-warning',
      severity: 'warning',
      notify: 'warning',
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    expect(alarm.math).toBeUndefined();
    // Reserved: the agent's own instances; else the account's, whose pool the agent shares
    expect(alarm.metric).toEqual(scope === 'function' ? agentLambda(AWS_LAMBDA_METRICS.concurrentExecutions, 'Maximum') : ACCOUNT_CONCURRENCY);
    expect(alarm.title).toBe(`Agent concurrency near its limit of ${limit}`);
    expect(alarm.description).toContain(scope === 'function' ? `the agent's reserved concurrency of ${limit}` : `the account's limit of ${limit}, which the agent shares`);
  });

  it('traffic-floor: with minRequestsPerHour, fewer invocations in an hour page through unhealthy, an hour without any counting as 0', () => {
    // Act
    const withFloor = alarmCatalog({ ...SETTINGS, minRequestsPerHour: 120 });

    // Assess
    const alarm = byId(withFloor, ALARM_IDS.trafficFloor);
    expect(alarm).toMatchObject({
      name: 'support-bot-traffic-floor-critical',
      severity: 'critical',
      notify: 'info',
      runbook: 'docs/runbooks/alarms/traffic-floor.md',
      periodSeconds: 3600,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 120,
      comparison: 'LessThanThreshold',
      treatMissingData: 'breaching',
    });
    expect(alarm.metric).toBeUndefined();
    expect(alarm.math?.expression).toBe('FILL(invocations, 0)');
    expect(alarm.math?.metrics).toEqual({ invocations: agentLambda(AWS_LAMBDA_METRICS.invocations) });
    const unhealthy = byId<CompositeAlarmDefinition>(withFloor, ALARM_IDS.agentUnhealthy);
    expect(unhealthy.rule).toEqual({ anyOf: HEALTH_CHILD_IDS.map((id) => ({ alarm: id })) });
  });

  it('has no traffic floor without minRequestsPerHour, and unhealthy then names lambda-errors and monitoring-silent but no floor', () => {
    // Assess
    expect(catalog.map((d) => d.id)).not.toContain(ALARM_IDS.trafficFloor);
    const unhealthy = byId<CompositeAlarmDefinition>(catalog, ALARM_IDS.agentUnhealthy);
    expect(unhealthy.rule).toEqual({
      anyOf: ['error-rate', 'latency-p99', 'auth-error', 'slo-fast-burn', 'slo-medium-burn', 'lambda-errors', 'monitoring-silent'].map((alarm) => ({ alarm })),
    });
    expect(unhealthy.actionsSuppressor?.alarm).toBe(ALARM_IDS.providerOutage);
    expect(unhealthy.notify).toBe('critical');
  });

  it('watches the function named by the settings, and `${serviceName}-agent` by default', () => {
    // Act
    const defaults = alarmCatalog({ serviceName: 'team-bot' });

    // Assess
    for (const id of [ALARM_IDS.lambdaErrors, ALARM_IDS.lambdaThrottles, ALARM_IDS.monitoringSilentPartial, ALARM_IDS.agentInvoked]) {
      const refs = Object.values(byId(defaults, id).math!.metrics).filter((ref) => ref.namespace === 'AWS/Lambda');
      expect(refs.map((ref) => ref.dimensions)).toEqual(refs.map(() => ({ FunctionName: 'team-bot-agent' })));
    }
    expect(byId(alarmCatalog({ serviceName: 'team-bot', concurrencyScope: 'function' }), ALARM_IDS.lambdaConcurrency).metric?.dimensions).toEqual({ FunctionName: 'team-bot-agent' });
    expect(byId(defaults, ALARM_IDS.lambdaConcurrency).metric?.dimensions).toEqual({});
  });
});

describe('invalid-input-rate', () => {
  it('warns, never pages, on a sustained share of invalid_input requests in 3 of 3 five-minute periods from 20 requests', () => {
    // Act
    const alarm = byId(alarmCatalog(SETTINGS), ALARM_IDS.invalidInputRate);

    // Assess
    expect(alarm).toMatchObject({
      name: 'support-bot-invalid-input-rate-warning',
      severity: 'warning',
      notify: 'warning',
      runbook: 'docs/runbooks/alarms/invalid-input-rate.md',
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 10,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    expect(alarm.math?.expression).toBe('IF(requests >= 20, 100 * FILL(invalid, 0) / requests, 0)');
    expect(alarm.math?.metrics).toEqual({ requests: own(METRICS.requests), invalid: own(METRICS.errors, { error_category: 'invalid_input' }) });
  });

  it('takes its share and minimum from the settings', () => {
    // Act
    const alarm = byId(alarmCatalog({ invalidInputRatePercent: 30, invalidInputMinRequests: 50 }), ALARM_IDS.invalidInputRate);

    // Assess
    expect(alarm.threshold).toBe(30);
    expect(alarm.math?.expression).toBe('IF(requests >= 50, 100 * FILL(invalid, 0) / requests, 0)');
  });
});

describe('the SLO burn windows’ minimums', () => {
  it('judge a window only from sloMinFailures failures and sloMinRequests requests', () => {
    // Act
    const catalog = alarmCatalog({ sloMinFailures: 3, sloMinRequests: 50 });

    // Assess
    for (const tier of BURN_RATE_TIERS) {
      for (const seconds of [tier.longWindowSeconds, tier.shortWindowSeconds]) {
        const expression = byId(catalog, burnWindowId(tier, seconds)).math!.expression;
        expect(expression).toMatch(/^IF\(\(FILL\(invocations, 0\) \+ throttles - FILL\(client_errors, 0\)\) >= 50, IF\(\(\(FILL\(errors, 0\) - FILL\(client_errors, 0\)\) \+ lambda_errors \+ throttles\) >= 3, /);
      }
    }
  });
});

describe('ground-truth settings validation', () => {
  it.each<[AlarmSettings, RegExp]>([
    [{ minRequestsPerHour: 0 }, /^Invalid alarm setting minRequestsPerHour: must be a whole number of at least 1, got 0$/],
    [{ minRequestsPerHour: 1.5 }, /^Invalid alarm setting minRequestsPerHour: must be a whole number of at least 1, got 1.5$/],
    [{ minRequestsPerHour: -3 }, /^Invalid alarm setting minRequestsPerHour: must be a whole number of at least 1, got -3$/],
    [{ concurrencyAlarmPercent: 0 }, /^Invalid alarm setting concurrencyAlarmPercent: must be a percentage in \(0, 100\), got 0$/],
    [{ concurrencyAlarmPercent: 100 }, /^Invalid alarm setting concurrencyAlarmPercent: must be a percentage in \(0, 100\), got 100$/],
    [{ concurrencyAlarmPercent: 120 }, /^Invalid alarm setting concurrencyAlarmPercent: /],
    [{ agentConcurrencyLimit: 0 }, /^Invalid alarm setting agentConcurrencyLimit: must be a whole number of at least 1, got 0$/],
    [{ agentConcurrencyLimit: 12.5 }, /^Invalid alarm setting agentConcurrencyLimit: /],
    [{ lambdaErrorRatePercent: 0 }, /^Invalid alarm setting lambdaErrorRatePercent: /],
    [{ lambdaThrottlePercent: 100 }, /^Invalid alarm setting lambdaThrottlePercent: /],
    [{ monitoringSilentPercent: -1 }, /^Invalid alarm setting monitoringSilentPercent: /],
    [{ invalidInputRatePercent: 0 }, /^Invalid alarm setting invalidInputRatePercent: /],
    [{ lambdaMinInvocations: 0 }, /^Invalid alarm setting lambdaMinInvocations: /],
    [{ monitoringSilentMinInvocations: 2.5 }, /^Invalid alarm setting monitoringSilentMinInvocations: /],
    [{ invalidInputMinRequests: 0 }, /^Invalid alarm setting invalidInputMinRequests: /],
    [{ sloMinRequests: 0 }, /^Invalid alarm setting sloMinRequests: /],
    [{ agentFunctionName: ' ' }, /^Invalid alarm setting agentFunctionName: must be a non-empty string$/],
  ])('refuses %j naming the setting', (settings, message) => {
    // Act
    const build = () => alarmCatalog(settings);

    // Assess
    expect(build).toThrow(message);
  });

  it('accepts the smallest whole traffic floor and concurrency limit', () => {
    // Act
    const catalog = alarmCatalog({ minRequestsPerHour: 1, agentConcurrencyLimit: 1 });

    // Assess
    expect(byId(catalog, ALARM_IDS.trafficFloor).threshold).toBe(1);
    expect(byId(catalog, ALARM_IDS.lambdaConcurrency).title).toBe('Agent concurrency near its limit of 1');
  });
});
