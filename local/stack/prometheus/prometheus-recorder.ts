import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AWS_LAMBDA_NAMESPACE } from '../../../lib/catalog/alarms';
import type { MetricStoreInput } from '../../metrics';
import { forEachEmfDatapoint } from '../../metrics/emf';
import { mappingFor, PROMETHEUS_MAPPINGS, type MetricSource, type PrometheusFamily, type PrometheusMapping } from './catalog-mapping';
import { durationBuckets } from './duration-buckets';
import { snakeCase } from './names';

/** Options of a PrometheusRecorder. */
export interface PrometheusRecorderOptions {
  /** The agent's metric namespace (METRICS_NAMESPACE): its metrics and AWS/Lambda's are exported, others ignored. */
  readonly namespace: string;
  /** Upper bounds of the duration histograms, seconds. @default durationBuckets() */
  readonly buckets?: readonly number[];
}

type PromMetric = Counter<string> | Gauge<string> | Histogram<string>;
type Labels = Record<string, string>;

/** One value of a catalog metric: its dimensions (all its dimension sets together) and its values with counts. */
interface Observation {
  readonly source: MetricSource;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [value: number, count: number])[];
  /** A PutMetricData statistic set instead of values. */
  readonly statistics?: { readonly count: number; readonly sum: number };
}

/**
 * Keeps the catalog's metrics as prom-client metrics in a registry of its own, fed with what
 * the local metric store receives (`store.listen(recorder.record)`), and renders them in the
 * Prometheus text exposition format.
 *
 * A value the agent publishes under several dimension sets (`service` and `service, model`;
 * `service, error_category`) is one observation, labelled with all of them: each request is
 * counted once, and its duration observed once in the histogram. Counters never go down
 * (retention does not apply); gauges hold the latest value.
 *
 * @example
 * const recorder = new PrometheusRecorder({ namespace: 'AgentMonitoring' });
 * store.listen(recorder.record);
 * const text = await recorder.metrics(); // '# TYPE agent_requests_total counter\nagent_requests_total{service="agent",model="gpt-4o-mini"} 3\n…'
 */
export class PrometheusRecorder {
  readonly registry = new Registry();
  readonly #namespace: string;
  readonly #metrics = new Map<string, PromMetric>();

  constructor(options: PrometheusRecorderOptions) {
    this.#namespace = options.namespace;
    const buckets = [...(options.buckets ?? durationBuckets())];
    for (const { family } of PROMETHEUS_MAPPINGS) {
      if (!this.#metrics.has(family.name)) this.#metrics.set(family.name, this.#create(family, buckets));
    }
  }

  /** The Content-Type of `metrics()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text of every series observed so far. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** Records one input of the metric store (bound: pass it to `store.listen` as is). */
  readonly record = (input: MetricStoreInput): void => {
    for (const observation of this.#observations(input)) {
      const mapping = mappingFor(observation.source, observation.metricName);
      if (mapping) this.#apply(mapping, observation);
    }
  };

  #observations(input: MetricStoreInput): Observation[] {
    if (input.kind === 'emf') return this.#emfObservations(input.document);
    if (input.kind === 'datapoint') {
      const source = this.#sourceOf(input.identity.namespace);
      const { metricName, dimensions } = input.identity;
      return source ? [{ source, metricName, dimensions, values: [[input.value, 1]] }] : [];
    }
    const source = this.#sourceOf(input.namespace);
    if (!source) return [];
    return input.datums.map(({ metricName, dimensions, values, statistics }) => ({ source, metricName, dimensions, values, ...(statistics && { statistics }) }));
  }

  /** Each metric of an EMF document once: the values of its first dimension set, the dimensions of all its sets. */
  #emfObservations(document: Readonly<Record<string, unknown>>): Observation[] {
    const byMetric = new Map<string, { source: MetricSource; metricName: string; dimensions: Labels; values: [number, number][]; firstKey: string; complete: boolean }>();
    forEachEmfDatapoint(document as Record<string, unknown>, ({ namespace, metricName, dimensions, dimensionKey, value }) => {
      const source = this.#sourceOf(namespace);
      if (!source) return;
      const key = `${namespace}\u0001${metricName}`;
      let entry = byMetric.get(key);
      if (!entry) byMetric.set(key, (entry = { source, metricName, dimensions: {}, values: [], firstKey: dimensionKey, complete: false }));
      Object.assign(entry.dimensions, dimensions);
      if (dimensionKey !== entry.firstKey) entry.complete = true;
      else if (!entry.complete) entry.values.push([value, 1]);
    });
    return [...byMetric.values()];
  }

  #sourceOf(namespace: string): MetricSource | undefined {
    if (namespace === this.#namespace) return 'agent';
    return namespace === AWS_LAMBDA_NAMESPACE ? 'lambda' : undefined;
  }

  #apply(mapping: PrometheusMapping, observation: Observation): void {
    const { family } = mapping;
    if (family.requiredDimension && !(family.requiredDimension in observation.dimensions)) return;
    const labels: Labels = {};
    for (const dimension of family.dimensions) {
      const value = observation.dimensions[dimension];
      if (value !== undefined) labels[snakeCase(dimension)] = value;
    }
    Object.assign(labels, mapping.fixedLabels);
    const metric = this.#metrics.get(family.name)!;
    if (metric instanceof Counter) increase(metric, labels, observation, family.scale);
    else if (metric instanceof Gauge) setLatest(metric, labels, observation, family.scale);
    else for (const [value, count] of observation.values) for (let n = 0; n < Math.round(count); n++) metric.observe(labels, value * family.scale);
  }

  #create(family: PrometheusFamily, buckets: number[]): PromMetric {
    const common = { name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [this.registry] };
    if (family.type === 'counter') return new Counter(common);
    if (family.type === 'gauge') return new Gauge(common);
    return new Histogram({ ...common, buckets });
  }
}

/** A counter grows by the sum of the values (a statistic set's sum); a negative value, which no counter can take, is ignored. */
function increase(counter: Counter<string>, labels: Labels, observation: Observation, scale: number): void {
  const amount = observation.statistics ? observation.statistics.sum : observation.values.reduce((total, [value, count]) => total + value * count, 0);
  if (amount >= 0) counter.inc(labels, amount * scale);
}

/** A gauge holds the latest value (a statistic set's average). */
function setLatest(gauge: Gauge<string>, labels: Labels, observation: Observation, scale: number): void {
  const latest = observation.statistics ? observation.statistics.sum / observation.statistics.count : observation.values.at(-1)?.[0];
  if (latest !== undefined && Number.isFinite(latest)) gauge.set(labels, latest * scale);
}
