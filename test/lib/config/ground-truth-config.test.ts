import { App } from 'aws-cdk-lib';
import { ALARM_IDS, alarmCatalog } from '../../../lib/catalog/alarms';
import { alarmSettingsFrom, configFromContext, monitoringConfigFrom, type ContextValues } from '../../../lib/config';
import { configError } from '../../support/config-error';

describe('agentReservedConcurrency, accountConcurrencyLimit and minRequestsPerHour', () => {
  it('are unset, unset and 1000 by default', () => {
    // Act
    const config = monitoringConfigFrom({});

    // Assess
    expect(config.accountConcurrencyLimit).toBe(1000);
    expect('agentReservedConcurrency' in config).toBe(false);
    expect('minRequestsPerHour' in config).toBe(false);
  });

  it.each<[string, ContextValues, Partial<Record<'agentReservedConcurrency' | 'accountConcurrencyLimit' | 'minRequestsPerHour', number>>]>([
    ['strings from -c', { agentReservedConcurrency: '50', accountConcurrencyLimit: '3000', minRequestsPerHour: '120' }, { agentReservedConcurrency: 50, accountConcurrencyLimit: 3000, minRequestsPerHour: 120 }],
    ['numbers from cdk.json', { agentReservedConcurrency: 1, accountConcurrencyLimit: 1, minRequestsPerHour: 1 }, { agentReservedConcurrency: 1, accountConcurrencyLimit: 1, minRequestsPerHour: 1 }],
    ['a reservation equal to the account limit', { agentReservedConcurrency: 1000 }, { agentReservedConcurrency: 1000, accountConcurrencyLimit: 1000 }],
    ['an empty string as unset', { agentReservedConcurrency: '', minRequestsPerHour: '' }, { accountConcurrencyLimit: 1000 }],
  ])('accepts %s', (_case, values, expected) => {
    // Act
    const config = monitoringConfigFrom(values);

    // Assess
    expect({ agentReservedConcurrency: config.agentReservedConcurrency, accountConcurrencyLimit: config.accountConcurrencyLimit, minRequestsPerHour: config.minRequestsPerHour }).toEqual({
      agentReservedConcurrency: undefined,
      minRequestsPerHour: undefined,
      ...expected,
    });
  });

  it.each<[ContextValues, string, string]>([
    [{ agentReservedConcurrency: '0' }, 'agentReservedConcurrency', 'must be a whole number of at least 1, got 0'],
    [{ agentReservedConcurrency: 2.5 }, 'agentReservedConcurrency', 'must be a whole number of at least 1, got 2.5'],
    [{ agentReservedConcurrency: 'lots' }, 'agentReservedConcurrency', 'must be a number, got "lots"'],
    [{ accountConcurrencyLimit: 0 }, 'accountConcurrencyLimit', 'must be a whole number of at least 1, got 0'],
    [{ accountConcurrencyLimit: '-1000' }, 'accountConcurrencyLimit', 'must be a whole number of at least 1, got -1000'],
    [{ minRequestsPerHour: '0' }, 'minRequestsPerHour', 'must be a whole number of at least 1, got 0'],
    [{ minRequestsPerHour: 1.5 }, 'minRequestsPerHour', 'must be a whole number of at least 1, got 1.5'],
    [{ minRequestsPerHour: '-3' }, 'minRequestsPerHour', 'must be a whole number of at least 1, got -3'],
    [{ minRequestsPerHour: true }, 'minRequestsPerHour', 'must be a number, got true'],
    [{ agentReservedConcurrency: 2000 }, 'agentReservedConcurrency', 'must be at most accountConcurrencyLimit (1000), got 2000'],
    [{ agentReservedConcurrency: '600', accountConcurrencyLimit: '500' }, 'agentReservedConcurrency', 'must be at most accountConcurrencyLimit (500), got 600'],
  ])('refuses %j naming the key', (values, setting, problem) => {
    // Act
    const error = configError(values);

    // Assess
    expect(error.problems).toEqual([{ setting, problem }]);
    expect(error.message).toContain(`- ${setting}: ${problem}`);
  });

  it('are read from the CDK context under their own names', () => {
    // Prepare
    const app = new App({ context: { agentReservedConcurrency: '25', accountConcurrencyLimit: '400', minRequestsPerHour: '10' } });

    // Act
    const config = configFromContext(app.node);

    // Assess
    expect(config).toMatchObject({ agentReservedConcurrency: 25, accountConcurrencyLimit: 400, minRequestsPerHour: 10 });
  });
});

describe('alarmSettingsFrom with the ground-truth keys', () => {
  it.each<[string, ContextValues, number]>([
    ['the reserved concurrency when set', { agentReservedConcurrency: '50', accountConcurrencyLimit: '3000' }, 50],
    ['else the account limit', { accountConcurrencyLimit: '3000' }, 3000],
    ['else the account default', {}, 1000],
  ])('gives the concurrency alarm %s as the agent’s limit', (_case, values, limit) => {
    // Act
    const settings = alarmSettingsFrom(monitoringConfigFrom(values));

    // Assess
    expect(settings.agentConcurrencyLimit).toBe(limit);
    expect(settings.concurrencyScope).toBe('agentReservedConcurrency' in values ? 'function' : 'account');
    const concurrency = alarmCatalog(settings).find((d) => d.id === ALARM_IDS.lambdaConcurrency);
    expect(concurrency).toMatchObject({ threshold: Math.floor(limit * 0.8) });
  });

  it('passes minRequestsPerHour on, so the catalog gets its traffic floor, and leaves it out when unset', () => {
    // Act
    const withFloor = alarmSettingsFrom(monitoringConfigFrom({ minRequestsPerHour: '45' }));
    const without = alarmSettingsFrom(monitoringConfigFrom({}));

    // Assess
    expect(withFloor.minRequestsPerHour).toBe(45);
    expect('minRequestsPerHour' in without).toBe(false);
    expect(alarmCatalog(withFloor).find((d) => d.id === ALARM_IDS.trafficFloor)).toMatchObject({ threshold: 45 });
    expect(alarmCatalog(without).map((d) => d.id)).not.toContain(ALARM_IDS.trafficFloor);
  });
});
