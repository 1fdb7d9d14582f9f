import { report } from './bench-report';

/**
 * Prints the drill's figures; exits non-zero when anything was lost or happened twice, or when the
 * drill never counted either (it stopped before measuring: that is no verdict, let alone a pass).
 */
export function drillVerdict(name: string, figures: Record<string, string | number>, problems: string[] = []): void {
  report(`drill-${name}`, [figures], { problems: problems.slice(0, 50) });
  if (problems.length) console.log(problems.slice(0, 10).join('\n'));
  const measured = figures.lost !== undefined && figures.duplicated !== undefined;
  const bad = !measured || Number(figures.lost) > 0 || Number(figures.duplicated) > 0 || Number(figures.failures ?? 0) > 0;
  console.log(
    !measured
      ? `✖ ${name}: stopped before counting what was lost or duplicated`
      : bad
        ? `✖ ${name}: ${problems.length ? problems.length + ' problem(s)' : 'lost or duplicated'}`
        : `✔ ${name}: nothing lost, nothing twice`,
  );
  if (bad) process.exitCode = 1;
}
