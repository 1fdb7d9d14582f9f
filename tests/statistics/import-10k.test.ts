import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { NewHazard } from '@hazards/hazards/hazard-registration';
import { HazardImportRunner, type ImportProgress, type ImportScope } from '@hazards/imports/hazard-import.runner';
import { IMPORT_COLUMNS } from '@hazards/imports/import-columns';
import { importProblems } from '@hazards/imports/import-report';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { writeLargeImportFile, xlsxOf } from '@hazards/testing/files/import-files';
import { createStatisticsTree, type StatisticsTree } from '@hazards/testing/fixtures/statistics-tree';

/**
 * The 10,000-row import through the real runner and PostgreSQL (streamed parse, validation,
 * one transaction per row), with the workflow start replaced by a recorder: 10,000 real
 * lifecycles would keep the shared test Temporal busy for minutes. The real start is covered by
 * import.test.ts; the benchmark (bench/import.bench.ts) runs 10,000 real starts.
 */
const H = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<(typeof IMPORT_COLUMNS)[number]['key'], string>;
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const SOURCES = ['企业自查', '监督检查', '督查', '四不两直'];
const SYSTEM: ImportScope = { actor: { userId: 'test-import', role: 'system' }, reachPath: null, enterpriseId: null, everywhere: true };

const WITHOUT_DUPLICATE_LOOKUP = { ...DEFAULT_POLICY, duplicates: undefined };

describe('a 10,000-row import', () => {
  let ds: DataSource;
  let tree: StatisticsTree;
  const dir = mkdtempSync(join(tmpdir(), 'hazard-import-10k-'));

  beforeAll(async () => {
    ds = await openTestDataSource();
    tree = await createStatisticsTree(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('streams, validates and registers every row once, reporting rows done of total as it goes', async () => {
    const path = join(dir, 'bulk.xlsx');
    const N = 10_000;
    await writeLargeImportFile(
      path,
      N,
      (i) => ({
        [H.externalId]: `BULK-${i}`,
        [H.creditCode]: tree.enterprises[i % tree.enterprises.length].creditCode,
        [H.source]: SOURCES[i % SOURCES.length],
        [H.description]: `批量导入隐患第${i}条：安全防护设施缺失`,
        [H.location]: `${i % 50}号车间`,
      }),
      HEADERS,
    );
    const started = new Set<string>();
    const runner = new HazardImportRunner(
      ds,
      {
        start: async (h: NewHazard) => {
          started.add(h.hazardId);
        },
      },
      // Registration at scale only: the candidate lookup has its own test (import.test.ts) and bench (import).
      WITHOUT_DUPLICATE_LOOKUP,
      { concurrency: 8, chunkSize: 500 },
    );
    const id = await runner.createJob(path, 'bulk.xlsx', 'test', SYSTEM.actor);
    const seen: ImportProgress[] = [];
    const t0 = Date.now();
    const result = await runner.run(id, path, SYSTEM, (p) => seen.push(p));
    const seconds = (Date.now() - t0) / 1000;
    expect(await importProblems(ds, id)).toEqual([]);
    expect(result).toMatchObject({ status: 'done', total: N, done: N, registered: N, alreadyRegistered: 0, invalid: 0, failed: 0 });
    expect(started.size).toBe(N);
    const done = seen.filter((p) => p.phase === 'importing').map((p) => p.done);
    expect(done.length).toBeGreaterThanOrEqual(N / 500);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(seen.every((p) => p.phase === 'counting' || p.total === N)).toBe(true);
    const counts = (
      await ds.query(`select count(*)::int as n, count(distinct id)::int as d from hazards where city_id = $1`, [tree.city.id])
    )[0];
    expect(counts).toEqual({ n: N, d: N });
    expect(await runner.progress(id)).toMatchObject({ status: 'done', total: N, done: N, registered: N });
    console.log(`10,000 rows imported in ${seconds.toFixed(1)} s (workflow start stubbed)`);
  });

  it('leaves a row whose workflow start fails unregistered (nothing half-registered), and the next import registers it', async () => {
    const e = tree.enterprises[0];
    const rows = ['甲', '乙', '丙', '丁'].map((w) => ({
      [H.creditCode]: e.creditCode,
      [H.source]: '督查',
      [H.description]: `启动失败测试${w}${tree.suffix}`,
    }));
    const path = join(dir, 'flaky.xlsx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, await xlsxOf(HEADERS, rows));
    const failOn = (h: NewHazard) => h.description.startsWith('启动失败测试乙') || h.description.startsWith('启动失败测试丁');
    const flaky = new HazardImportRunner(
      ds,
      {
        start: async (h) => {
          if (failOn(h)) throw new Error('Temporal unavailable');
        },
      },
      DEFAULT_POLICY,
    );
    const first = await flaky.createJob(path, 'flaky.xlsx', 'test', SYSTEM.actor);
    expect(await flaky.run(first, path, SYSTEM)).toMatchObject({ status: 'done', registered: 2, failed: 2 });
    const problems = await importProblems(ds, first);
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'registration_failed'],
      [5, 'registration_failed'],
    ]);
    expect(problems[0].reason).toContain('Temporal unavailable');
    const present = async () =>
      (
        await ds.query(`select description from hazards where description like $1 order by description`, [`启动失败测试%${tree.suffix}`])
      ).map((r: { description: string }) => r.description);
    expect(await present()).toEqual([`启动失败测试丙${tree.suffix}`, `启动失败测试甲${tree.suffix}`]);

    const healthy = new HazardImportRunner(ds, { start: async () => undefined }, DEFAULT_POLICY);
    const second = await healthy.createJob(path, 'flaky.xlsx', 'test', SYSTEM.actor);
    expect(await healthy.run(second, path, SYSTEM)).toMatchObject({ status: 'done', registered: 2, alreadyRegistered: 2, failed: 0 });
    expect((await present()).length).toBe(4);
  });
});
