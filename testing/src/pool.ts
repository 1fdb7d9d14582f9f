import { eachInPool, inPool } from '@hazards/concurrency';

export { inPool };

/** `fn` over the items, `size` at a time (inPool over an array). */
export const inBatches = <T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> =>
  eachInPool(items, size, (item) => fn(item));

/** inPool for a benchmark: the rate, tasks per second. */
export async function poolRate(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await inPool(n, concurrency, task);
  return n / ((Date.now() - t0) / 1000);
}
