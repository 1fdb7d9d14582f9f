import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (sample: number[]) => percentile(sample, 50);
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Prints a table and writes the figures as JSON under bench/results/ (git-ignored). */
export function report(name: string, rows: Record<string, string | number>[], extra: Record<string, unknown> = {}): string {
  console.log(`\n== ${name} ==`);
  console.table(rows);
  const dir = resolve(__dirname, '..', '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), rows, ...extra }, null, 2));
  console.log(`written ${file}`);
  return file;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - t0) / 1e6];
}

/**
 * Runs `task` for 0..n-1 with `concurrency` in flight; returns the rate, tasks per second. On a
 * failure the other lanes stop taking tasks and finish the ones they hold before it is thrown, so
 * nothing is still calling out when the caller closes its connections.
 */
export async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  let failure: unknown = null;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n && failure === null) {
      try {
        await task(next++);
      } catch (err) {
        failure ??= err;
      }
    }
  }));
  if (failure !== null) throw failure;
  return n / ((Date.now() - t0) / 1000);
}
