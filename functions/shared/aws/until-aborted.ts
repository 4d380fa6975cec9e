/**
 * Waits for `work`, but no longer than `signal` allows: rejects with the signal's reason when it
 * aborts first (the work itself is not cancelled; its result is dropped). Without a signal, it is
 * `work` itself.
 *
 * @example
 * const item = await untilAborted(pseudonymize(sample), deadline.signal());
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
