/**
 * Long console work (a page of the queue, a search, grouping) runs in slices: it lets the event loop run
 * (the bot's turns, timers) whenever a few milliseconds have passed. An `await` on work that never waits for
 * I/O does not yield to the event loop (it only queues a microtask), so each long loop asks a breather.
 */

/** Yields to the event loop once: timers and I/O callbacks run before the caller goes on. */
export const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A function to call between steps of a long loop: it pauses when `sliceMs` have passed since the last pause. */
export function breather(sliceMs: number): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start <= sliceMs) return;
    await pause();
    start = performance.now();
  };
}
