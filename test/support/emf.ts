/** Reads EMF documents the way CloudWatch does, so tests assert what an operator would see. */

export interface EmfDirective {
  readonly namespace: string;
  readonly dimensionSets: string[][];
  readonly metricNames: string[];
}

export interface EmfDocument {
  readonly timestamp: number;
  /** The first directive's namespace and dimension sets. */
  readonly namespace: string;
  readonly dimensionSets: string[][];
  readonly directives: EmfDirective[];
  readonly metrics: Record<string, { unit: string; value: number | number[] }>;
  readonly root: Record<string, unknown>;
}

/** Parses every EMF line (a JSON object with `_aws`) out of captured output. */
export function parseEmf(output: string | string[]): EmfDocument[] {
  const lines = Array.isArray(output) ? output : output.split('\n');
  const documents: EmfDocument[] = [];
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith('{') || !text.includes('"_aws"')) continue;
    const root = JSON.parse(text) as Record<string, any>;
    const directives: EmfDirective[] = root._aws.CloudWatchMetrics.map((directive: any) => ({
      namespace: directive.Namespace,
      dimensionSets: directive.Dimensions,
      metricNames: directive.Metrics.map((definition: any) => definition.Name),
    }));
    const metrics: EmfDocument['metrics'] = {};
    for (const directive of root._aws.CloudWatchMetrics) {
      for (const definition of directive.Metrics) metrics[definition.Name] = { unit: definition.Unit, value: root[definition.Name] };
    }
    documents.push({
      timestamp: root._aws.Timestamp,
      namespace: directives[0].namespace,
      dimensionSets: directives[0].dimensionSets,
      directives,
      metrics,
      root,
    });
  }
  return documents;
}

/**
 * The datapoints CloudWatch would record for `metric` under exactly the dimension set
 * `dimensions` (names and values), across all documents.
 */
export function datapoints(documents: EmfDocument[], metric: string, dimensions: Record<string, string>): number[] {
  const wanted = Object.keys(dimensions).sort().join(',');
  const values: number[] = [];
  for (const document of documents) {
    const entry = document.metrics[metric];
    if (!entry) continue;
    const published = document.directives.some(
      (directive) => directive.metricNames.includes(metric) && directive.dimensionSets.some((set) => [...set].sort().join(',') === wanted),
    );
    const valuesMatch = Object.entries(dimensions).every(([key, value]) => document.root[key] === value);
    if (published && valuesMatch) values.push(...(Array.isArray(entry.value) ? entry.value : [entry.value]));
  }
  return values;
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A sink that keeps the lines, for handlers given `sink`. */
export function memorySink(): { sink: (line: string) => void; lines: string[]; documents: () => EmfDocument[] } {
  const lines: string[] = [];
  return { sink: (line) => lines.push(line), lines, documents: () => parseEmf(lines) };
}

/** Captures what is written to process.stdout while `run` runs. */
export async function captureStdout<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    const result = await run();
    return { result, output: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}
