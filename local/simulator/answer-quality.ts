/**
 * How a simulated answer carries the quality it was written with: a marker in its text, which
 * survives redaction and storage, and which the virtual judge reads back to score the answer.
 */
const MARKER = /\[simulated answer quality (\d(?:\.\d+)?)\]/;

/** The marker for an answer of quality `quality` in [0, 1], to append to its text. */
export function qualityMarker(quality: number): string {
  return `[simulated answer quality ${quality.toFixed(3)}]`;
}

/** The quality an answer was written with, or undefined when it carries no marker. */
export function readQuality(answer: string): number | undefined {
  const match = MARKER.exec(answer);
  return match ? Number(match[1]) : undefined;
}
