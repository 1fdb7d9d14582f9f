import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';
import { drillVerdict } from './drill-report';

// A drill's last line is what an operator reads after a fault drill: it must never say ✔ unless
// the drill counted what was lost and duplicated and both were 0.
describe('drillVerdict', () => {
  const name = 'verdict-spec';
  let lines: string[];
  let exitCode: typeof process.exitCode;
  beforeEach(() => {
    lines = [];
    exitCode = process.exitCode;
    process.exitCode = undefined;
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    jest.spyOn(console, 'table').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = exitCode;
    rmSync(join(REPO_ROOT, 'bench-results', `drill-${name}.json`), { force: true });
  });
  const verdict = () => ({ last: lines[lines.length - 1], exitCode: process.exitCode });

  it('passes a drill that counted nothing lost and nothing twice', () => {
    drillVerdict(name, { lost: 0, duplicated: 0, sent: 40 });
    expect(verdict()).toEqual({ last: `✔ ${name}: nothing lost, nothing twice`, exitCode: undefined });
  });

  it('fails a drill that lost or duplicated something, or had another failure', () => {
    const cases: Record<string, number>[] = [
      { lost: 1, duplicated: 0 },
      { lost: 0, duplicated: 2 },
      { lost: 0, duplicated: 0, failures: 1 },
    ];
    for (const figures of cases) {
      process.exitCode = undefined;
      drillVerdict(name, figures, ['lost: hz-1 never received']);
      expect(verdict()).toEqual({ last: `✖ ${name}: 1 problem(s)`, exitCode: 1 });
    }
  });

  it('fails a drill that stopped before counting (its figures are empty), instead of passing it', () => {
    drillVerdict(name, {});
    expect(verdict()).toEqual({ last: `✖ ${name}: stopped before counting what was lost or duplicated`, exitCode: 1 });
  });
});
