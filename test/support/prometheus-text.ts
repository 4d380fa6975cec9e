/**
 * Reads the Prometheus text exposition format in tests: parsed with parse-prometheus-text-format
 * (a Prometheus exposition parser, prom2json's output shape), plus what PromQL would compute
 * from it: `sum()` of a family, and `histogram_quantile` over a histogram's buckets.
 */
// The package ships no types: its one export is the parse function.
const parsePrometheusTextFormat: (text: string) => PrometheusFamilyText[] = require('parse-prometheus-text-format');

/** One sample of a counter or gauge, or one series of a histogram, as the parser gives them (values are strings). */
export interface PrometheusSampleText {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value?: string;
  readonly buckets?: Readonly<Record<string, string>>;
  readonly count?: string;
  readonly sum?: string;
}

export interface PrometheusFamilyText {
  readonly name: string;
  readonly help: string;
  readonly type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  readonly metrics: readonly PrometheusSampleText[];
}

/**
 * The families of an exposition, by name. Histograms with labels are read from their sample
 * lines: the parser (1.1.1, the latest) folds a histogram's series into one, keeping the buckets
 * of the last and the count and sum of none (yunyu/parse-prometheus-text-format#13), so each
 * histogram is parsed again as untyped samples and its series rebuilt by their labels without `le`.
 */
export function parseExposition(text: string): Map<string, PrometheusFamilyText> {
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const histograms = [...families.values()].filter((family) => family.type === 'HISTOGRAM').map((family) => family.name);
  if (histograms.length === 0) return families;
  const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
  const samples = new Map<string, PrometheusSampleText[]>();
  for (const family of parsePrometheusTextFormat(untyped)) samples.set(family.name, [...(samples.get(family.name) ?? []), ...family.metrics]);
  for (const name of histograms) families.set(name, { ...families.get(name)!, metrics: histogramSeries(name, samples) });
  return families;
}

function histogramSeries(name: string, samples: Map<string, PrometheusSampleText[]>): PrometheusSampleText[] {
  const series = new Map<string, { labels: Record<string, string>; buckets: Record<string, string>; count?: string; sum?: string }>();
  const seriesOf = (labels: Readonly<Record<string, string>> = {}) => {
    const { le: _le, ...rest } = labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    if (!series.has(key)) series.set(key, { labels: rest, buckets: {} });
    return series.get(key)!;
  };
  for (const sample of samples.get(`${name}_bucket`) ?? []) seriesOf(sample.labels).buckets[sample.labels!.le] = sample.value!;
  for (const sample of samples.get(`${name}_count`) ?? []) seriesOf(sample.labels).count = sample.value;
  for (const sample of samples.get(`${name}_sum`) ?? []) seriesOf(sample.labels).sum = sample.value;
  return [...series.values()];
}

/** `sum(name)` over every series of a counter or gauge: 0 for a family with no series. */
export function sumOf(families: Map<string, PrometheusFamilyText>, name: string): number {
  return (families.get(name)?.metrics ?? []).reduce((total, sample) => total + Number(sample.value), 0);
}

/** `sum by (label) (name)`: the sum of each label value's series. */
export function sumBy(families: Map<string, PrometheusFamilyText>, name: string, label: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const sample of families.get(name)?.metrics ?? []) {
    const key = sample.labels?.[label] ?? '';
    sums[key] = (sums[key] ?? 0) + Number(sample.value);
  }
  return sums;
}

/** A histogram's buckets summed over all its series (`sum by (le)`), as [upper bound, cumulative count], +Inf last. */
export function summedBuckets(families: Map<string, PrometheusFamilyText>, name: string): [number, number][] {
  const sums = new Map<number, number>();
  for (const sample of families.get(name)?.metrics ?? []) {
    for (const [bound, count] of Object.entries(sample.buckets ?? {})) {
      const upper = bound === '+Inf' ? Infinity : Number(bound);
      sums.set(upper, (sums.get(upper) ?? 0) + Number(count));
    }
  }
  return [...sums].sort((a, b) => a[0] - b[0]);
}

/**
 * PromQL's `histogram_quantile(q, …)` on cumulative buckets (promql/quantile.go, bucketQuantile):
 * the rank q·N falls in the first bucket whose count reaches it, and the value is interpolated
 * linearly within that bucket; in the +Inf bucket it is the highest finite bound.
 */
export function histogramQuantile(q: number, buckets: readonly (readonly [number, number])[]): number {
  if (buckets.length < 2 || buckets[buckets.length - 1][0] !== Infinity) return NaN;
  const observations = buckets[buckets.length - 1][1];
  if (observations === 0) return NaN;
  let rank = q * observations;
  const index = buckets.findIndex(([, count]) => count >= rank);
  if (index === buckets.length - 1) return buckets[buckets.length - 2][0];
  if (index === 0 && buckets[0][0] <= 0) return buckets[0][0];
  const [end, cumulative] = buckets[index];
  const [start, before] = index > 0 ? buckets[index - 1] : [0, 0];
  rank -= before;
  return start + (end - start) * (rank / (cumulative - before));
}

/** Which bucket `value` falls in: the index of the first upper bound at or above it. */
export function bucketIndex(value: number, buckets: readonly (readonly [number, number])[]): number {
  return buckets.findIndex(([upper]) => value <= upper);
}
