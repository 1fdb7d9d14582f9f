/**
 * Runs `task(i)` for i = 0..n-1 with at most `concurrency` in flight (each lane takes the next
 * index as soon as it is free) and answers the results in index order: enough parallelism to be
 * quick, not so much that a shared machine chokes. On a failure the other lanes stop taking
 * tasks and finish the ones they hold before the first error is thrown, so nothing is still
 * calling out when the caller closes its connections.
 */
export async function inPool<R>(n: number, concurrency: number, task: (i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(n);
  let next = 0;
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n && failure === null) {
        const i = next++;
        try {
          out[i] = await task(i);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
  return out;
}

/** `fn` over the items, `size` at a time (inPool over an array). */
export const inBatches = <T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> =>
  inPool(items.length, size, (i) => fn(items[i]));

/** inPool for a benchmark: the rate, tasks per second. */
export async function poolRate(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await inPool(n, concurrency, task);
  return n / ((Date.now() - t0) / 1000);
}
