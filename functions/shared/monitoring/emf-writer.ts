import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricSpec } from '../../../lib/catalog/metrics';

/** Where EMF lines go: stdout in Lambda (CloudWatch Logs), a local metric store in the simulator. */
export type EmfSink = (line: string) => void;

export const stdoutSink: EmfSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * A further metric directive in the same document: metrics already in the document, also
 * published under other dimensions (the EMF specification allows several directives).
 */
export interface EmfDirective {
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: readonly MetricSpec[];
}

/** One EMF document: metrics sharing dimension sets, plus properties. */
export interface EmfBlob {
  readonly timestamp: number;
  /** Each entry is one dimension set beyond `service` (`{}` is the `service`-only set). */
  readonly dimensionSets: readonly Record<string, string>[];
  readonly metrics: readonly (readonly [MetricSpec, number])[];
  readonly properties?: Readonly<Record<string, string | number | undefined>>;
  readonly directives?: readonly EmfDirective[];
}

/**
 * Serializes EMF documents with Powertools Metrics and hands each line to a sink.
 *
 * Powertools builds and validates the document (namespace, the default `service` dimension,
 * dimension sets, metadata, timestamp); this class only chooses where the line goes, so the
 * same code writes to stdout in Lambda and into the local metric store in the simulator.
 * Each `write` is synchronous, so concurrent requests in one process never mix documents.
 *
 * @example
 * const writer = new EmfWriter({ namespace: 'AgentMonitoring', serviceName: 'agent' });
 * writer.write({ timestamp: Date.now(), dimensionSets: [{}], metrics: [[METRICS.requests, 1]] });
 */
export class EmfWriter {
  readonly #metrics: PowertoolsEmf;
  readonly #sink: EmfSink;

  constructor(options: { namespace: string; serviceName: string; sink?: EmfSink }) {
    this.#metrics = new PowertoolsEmf({ namespace: options.namespace, serviceName: options.serviceName });
    this.#sink = options.sink ?? stdoutSink;
  }

  /** False when `POWERTOOLS_METRICS_DISABLED` (or `POWERTOOLS_DEV` alone) turns metrics off. */
  get enabled(): boolean {
    return this.#metrics.enabled;
  }

  write(blob: EmfBlob): void {
    if (!this.#metrics.enabled || blob.metrics.length === 0) return;
    const m = this.#metrics;
    try {
      m.setTimestamp(Math.floor(blob.timestamp));
      for (const set of blob.dimensionSets) m.addDimensions(set);
      if (blob.properties) {
        for (const [key, value] of Object.entries(blob.properties)) {
          if (value !== undefined) m.addMetadata(key, value as string);
        }
      }
      for (const [spec, value] of blob.metrics) m.addMetric(spec.name, UNITS[spec.unit], value);
      const document = m.serializeMetrics();
      if (blob.directives) addDirectives(document, blob.directives);
      this.#sink(JSON.stringify(document));
    } finally {
      m.clearMetrics();
      m.clearDimensions();
      m.clearMetadata();
    }
  }
}

type EmfDocument = ReturnType<Metrics['serializeMetrics']>;

function addDimensionKeys(document: EmfDocument, dimensions: Readonly<Record<string, string>>): string[] {
  const root = document as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(dimensions)) root[key] = value;
  return Object.keys(dimensions);
}

function addDirectives(document: EmfDocument, directives: readonly EmfDirective[]): void {
  const [first] = document._aws.CloudWatchMetrics;
  const defaults = first.Dimensions[0].filter((key) => key === 'service');
  for (const directive of directives) {
    document._aws.CloudWatchMetrics.push({
      Namespace: first.Namespace,
      Dimensions: [[...defaults, ...addDimensionKeys(document, directive.dimensions)]],
      Metrics: directive.metrics.map((spec) => ({ Name: spec.name, Unit: UNITS[spec.unit] })),
    });
  }
}

const UNITS = {
  Count: MetricUnit.Count,
  Seconds: MetricUnit.Seconds,
  Milliseconds: MetricUnit.Milliseconds,
  None: MetricUnit.NoUnit,
  Percent: MetricUnit.Percent,
} as const;

class PowertoolsEmf extends Metrics {
  get enabled(): boolean {
    return !this.isDisabled();
  }
}
