import { MonitoringConfigError, monitoringConfigFrom, type ContextValues } from '../../lib/config';

/** The error `monitoringConfigFrom` throws for these values (fails the test when none is thrown). */
export function configError(values: ContextValues): MonitoringConfigError {
  try {
    monitoringConfigFrom(values);
  } catch (error) {
    if (error instanceof MonitoringConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(values)} to be refused`);
}
