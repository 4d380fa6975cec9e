/** The local metric store: EMF and PutMetricData in, CloudWatch statistics per period out. */
export { MetricStore, alignedPeriodEnd, type MetricSelector, type MetricStoreInput, type MetricStoreOptions, type PeriodRange, type SeriesDescriptor } from './metric-store';
export type { PutMetricDatum } from './put-metric-data';
export type { SeriesIdentity } from './series-key';
export { parseStatistic, percentileRank, type ParsedStatistic } from './statistics';
export { DEFAULT_RETENTION_SECONDS, MINUTE_MS } from './constants';
