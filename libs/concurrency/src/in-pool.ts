/**
 * Runs `task(i)` for i = 0..n-1 with at most `concurrency` in flight (each lane takes the next
 * index as soon as it is free) and answers the results in index order: enough parallelism to be
 * quick, not so much that a shared machine (or the Temporal frontend) chokes. On a failure the
 * other lanes stop taking tasks and finish the ones they hold before the first error is thrown,
 * so nothing is still calling out when the caller goes on.
 */
export async function inPool<R>(n: number, concurrency: number, task: (i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(n);
  let next = 0;
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, concurrency), n) }, async () => {
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

/** `fn` over the items, at most `concurrency` in flight (inPool over an array). */
export const eachInPool = <T, R>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> =>
  inPool(items.length, concurrency, (i) => fn(items[i], i));
