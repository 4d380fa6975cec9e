/**
 * The simulator's clock: epoch milliseconds that move only when the simulator moves them.
 * The agent, its monitoring wrapper, the sample store and the judge all read `now`, so a
 * provider that advances it by a request's latency makes the real wrapper measure that latency.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2025, 0, 1));
 * const options = agentOptionsFromConfig(config, { clock: clock.now });
 * clock.set(requestStart); clock.advance(1200); // the request took 1.2 s
 */
export class VirtualClock {
  #now: number;

  constructor(start: number) {
    this.#now = start;
  }

  /** The current virtual time; a bound function, to pass wherever a `Clock` is expected. */
  readonly now = (): number => this.#now;

  /** Moves the clock to `time` (backwards too: requests that overlap in time run one after another). */
  set(time: number): void {
    this.#now = time;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
