import type { Aggregate } from './statistics';

/** Summary statistics of datapoints published already aggregated (PutMetricData StatisticValues). */
export interface StatisticSet {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** A growable buffer the store reuses to gather raw values for percentiles. */
export class RawScratch {
  buffer = new Float64Array(1024);

  /** A buffer of at least `size` values, keeping the values gathered so far. */
  ensure(size: number): Float64Array {
    if (this.buffer.length < size) {
      const grown = new Float64Array(Math.max(size, this.buffer.length * 2));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    return this.buffer;
  }
}

/** The fields of one bucket, side by side in one array: an add touches one or two cache lines, not five arrays. */
const MINUTE = 0;
const COUNT = 1;
const SUM = 2;
const MIN = 3;
const MAX = 4;
const FIELDS = 5;

/**
 * The datapoints of one series (namespace, metric, dimension set) in one-minute buckets: a
 * ring of `capacity` minutes holding count, sum, minimum and maximum, plus the raw values
 * when the series keeps them (for percentiles). A slot belongs to the minute written in it;
 * writing a newer minute into a slot recycles it, so memory stays bounded by the capacity.
 */
export class SeriesBuffer {
  readonly #capacity: number;
  /** Per slot: minute, count, sum, min, max (`FIELDS` numbers from `slot * FIELDS`). */
  readonly #cells: Float64Array;
  #raw?: (number[] | undefined)[];
  newestMinute = -Infinity;

  constructor(capacity: number, keepRaw: boolean) {
    this.#capacity = capacity;
    this.#cells = new Float64Array(capacity * FIELDS);
    for (let slot = 0; slot < capacity; slot++) this.#cells[slot * FIELDS + MINUTE] = NaN;
    if (keepRaw) this.keepRaw();
  }

  /** Keeps raw values from now on (datapoints already held have none). */
  keepRaw(): void {
    this.#raw ??= new Array<number[] | undefined>(this.#capacity).fill(undefined);
  }

  get keepsRaw(): boolean {
    return this.#raw !== undefined;
  }

  /** Adds `value`, `count` times (PutMetricData Values + Counts). */
  add(minute: number, value: number, count = 1): void {
    const slot = this.#slot(minute);
    const cells = this.#cells;
    const at = slot * FIELDS;
    cells[at + COUNT] += count;
    cells[at + SUM] += value * count;
    if (value < cells[at + MIN]) cells[at + MIN] = value;
    if (value > cells[at + MAX]) cells[at + MAX] = value;
    const raw = this.#raw;
    if (raw) {
      const values = raw[slot] ?? (raw[slot] = []);
      for (let i = 0; i < count; i++) values.push(value);
    }
  }

  /** Adds datapoints known only by their statistics. */
  addStatistics(minute: number, set: StatisticSet): void {
    if (set.count <= 0) return;
    const cells = this.#cells;
    const at = this.#slot(minute) * FIELDS;
    cells[at + COUNT] += set.count;
    cells[at + SUM] += set.sum;
    if (set.min < cells[at + MIN]) cells[at + MIN] = set.min;
    if (set.max > cells[at + MAX]) cells[at + MAX] = set.max;
  }

  /** Adds the buckets of minutes [from, to), those at or after `floor`, into `into`. */
  collect(from: number, to: number, floor: number, into: Aggregate): void {
    const start = Math.max(from, floor, this.newestMinute - this.#capacity + 1);
    const cells = this.#cells;
    for (let minute = start; minute < to; minute++) {
      const at = (minute % this.#capacity) * FIELDS;
      if (cells[at + MINUTE] !== minute || cells[at + COUNT] === 0) continue;
      into.count += cells[at + COUNT];
      into.sum += cells[at + SUM];
      if (cells[at + MIN] < into.min) into.min = cells[at + MIN];
      if (cells[at + MAX] > into.max) into.max = cells[at + MAX];
    }
  }

  /**
   * Copies the raw values of minutes [from, to) (at or after `floor`) into the scratch buffer
   * and returns how many. Datapoints without raw values (statistic sets, or added before
   * `keepRaw`) are left out. Throws when the series keeps no raw values at all.
   */
  gatherRaw(from: number, to: number, floor: number, scratch: RawScratch, describe: () => string): number {
    const raw = this.#raw;
    if (!raw) throw new Error(`${describe()}: percentiles need raw values, and this metric keeps none (see MetricStore retainRawValues)`);
    let length = 0;
    const start = Math.max(from, floor, this.newestMinute - this.#capacity + 1);
    for (let minute = start; minute < to; minute++) {
      const slot = minute % this.#capacity;
      const values = raw[slot];
      if (this.#cells[slot * FIELDS + MINUTE] !== minute || !values) continue;
      const buffer = scratch.ensure(length + values.length);
      for (let i = 0; i < values.length; i++) buffer[length++] = values[i];
    }
    return length;
  }

  /** Whether the series holds no datapoint at or after `floor`. */
  isEmptySince(floor: number): boolean {
    return this.newestMinute < floor;
  }

  /** Frees the buckets of minutes before `floor`. */
  clearBefore(floor: number): void {
    for (let slot = 0; slot < this.#capacity; slot++) {
      if (this.#cells[slot * FIELDS + MINUTE] < floor) this.#reset(slot, NaN);
    }
  }

  #slot(minute: number): number {
    const slot = minute % this.#capacity;
    if (this.#cells[slot * FIELDS + MINUTE] !== minute) this.#reset(slot, minute);
    if (minute > this.newestMinute) this.newestMinute = minute;
    return slot;
  }

  #reset(slot: number, minute: number): void {
    const cells = this.#cells;
    const at = slot * FIELDS;
    cells[at + MINUTE] = minute;
    cells[at + COUNT] = 0;
    cells[at + SUM] = 0;
    cells[at + MIN] = Infinity;
    cells[at + MAX] = -Infinity;
    if (this.#raw) this.#raw[slot] = undefined;
  }
}
