import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nearestRankPercentile } from '@hazards/domain/statistics/percentiles';
import { REPO_ROOT } from '../paths';

/** Percentile of a sample (nearest rank), in the sample's unit; NaN for an empty sample. */
export const percentile = (sample: number[], p: number): number => nearestRankPercentile(sample, p) ?? NaN;

/** The nearest-rank median (a value of the sample, unlike the statistics' mean of the two middle values). */
export const median = (sample: number[]) => percentile(sample, 50);
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Prints a table and writes the figures as JSON under bench-results/ (git-ignored). */
export function report(name: string, rows: Record<string, string | number>[], extra: Record<string, unknown> = {}): string {
  console.log(`\n== ${name} ==`);
  console.table(rows);
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), rows, ...extra }, null, 2));
  console.log(`written ${file}`);
  return file;
}

/** The result of `fn` and how long it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - t0) / 1e6];
}
