/** Hand-built EMF lines and request documents for tests of the local metric store and alarms. */
import { EmfWriter } from '../../functions/shared/monitoring/emf-writer';
import { RequestMonitor } from '../../functions/shared/monitoring/request-monitor';
import type { ErrorCategory } from '../../lib/catalog/error-categories';

const HOUR_MS = 3_600_000;

/**
 * The start of every test timeline: a whole hour, four hours ago, so that the documents the
 * real EmfWriter writes for the next hours carry timestamps Powertools accepts (not over
 * 14 days old, not in the future).
 */
export const T0 = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 4 * HOUR_MS;

/** `T0 + minutes` (fractions allowed), in epoch milliseconds. */
export function at(minutes: number): number {
  return T0 + Math.round(minutes * 60_000);
}

export interface Directive {
  readonly namespace?: string;
  readonly dimensions: string[][];
  readonly metrics: string[];
}

/** One EMF document as JSON text: directives, values and dimension values at the root. */
export function emfLine(timestamp: number, directives: Directive[], root: Record<string, unknown>): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: directives.map((directive) => ({
        Namespace: directive.namespace ?? 'AgentMonitoring',
        Dimensions: directive.dimensions,
        Metrics: directive.metrics.map((Name) => ({ Name, Unit: 'Count' })),
      })),
    },
    ...root,
  });
}

export interface RequestShape {
  readonly timestamp: number;
  readonly durationMs?: number;
  readonly errorCategory?: ErrorCategory;
  readonly model?: string;
  readonly tools?: readonly (readonly [tool: string, ok: boolean])[];
  readonly serviceName?: string;
}

/**
 * The EMF lines the runtime writes for one request, produced by the real RequestMonitor and
 * EmfWriter (Powertools), so tests feed the store exactly what the handlers print.
 */
export function requestLines(request: RequestShape): string[] {
  const lines: string[] = [];
  const writer = new EmfWriter({ namespace: 'AgentMonitoring', serviceName: request.serviceName ?? 'agent', sink: (line) => lines.push(line) });
  const monitor = new RequestMonitor(`req-${request.timestamp}`, request.timestamp, () => 0.001);
  if (request.model) monitor.recordUsage(request.model, { promptTokens: 100, completionTokens: 20 });
  for (const [tool, ok] of request.tools ?? []) monitor.recordToolCall(tool, ok);
  const blobs = monitor.toBlobs({ timestamp: request.timestamp, durationMs: request.durationMs ?? 1000, errorCategory: request.errorCategory });
  for (const blob of blobs) writer.write(blob);
  return lines;
}
