/**
 * The waits a stand-in's replies are sleeping through (`delay` faults), so that closing the
 * stand-in ends every one of them at once instead of leaving timers behind.
 */
export class PendingSleeps {
  readonly #pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  /** Resolves after `ms`, or when `releaseAll` runs first. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const pending = { timer: setTimeout(() => done(), ms), resolve: () => resolve() };
      const done = () => {
        this.#pending.delete(pending);
        resolve();
      };
      this.#pending.add(pending);
    });
  }

  /** Ends every wait now. */
  releaseAll(): void {
    for (const pending of this.#pending) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.#pending.clear();
  }
}
