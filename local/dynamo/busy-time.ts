/**
 * Real time during which at least one of possibly overlapping operations was running: the
 * union of their intervals, so concurrent requests (the judge claims several samples at once)
 * are not counted twice.
 *
 * @example
 * const busy = new BusyTime();
 * busy.begin(); await work(); busy.end();
 * busy.ms; // the milliseconds something was in flight
 */
export class BusyTime {
  #inFlight = 0;
  #since = 0;
  #ms = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  begin(): void {
    if (this.#inFlight++ === 0) this.#since = this.now();
  }

  end(): void {
    if (this.#inFlight === 0) throw new Error('BusyTime.end() without a matching begin()');
    if (--this.#inFlight === 0) this.#ms += this.now() - this.#since;
  }

  /** Milliseconds with something in flight, including the current stretch. */
  get ms(): number {
    return this.#ms + (this.#inFlight > 0 ? this.now() - this.#since : 0);
  }
}
