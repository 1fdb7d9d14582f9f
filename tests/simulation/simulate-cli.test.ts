import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { createReferenceTree, type ReferenceTree } from '@hazards/testing/fixtures/reference-tree';
import {
  insertRecordedHazards,
  region,
  SHORTER_DEADLINES,
  WHAT_IF_PERIOD,
  whatIfScenario,
} from '@hazards/testing/fixtures/recorded-hazards';
import { REPO_ROOT } from '@hazards/testing/paths';
import { openTestDataSource } from '@hazards/testing/stack/test-database';

const run = promisify(execFile);

describe('npm run cli -- simulate: the what-if report as files', () => {
  let ds: DataSource;
  let tree: ReferenceTree;

  beforeAll(async () => {
    ds = await openTestDataSource();
    tree = await createReferenceTree(ds);
    const { id, suffix } = tree;
    await insertRecordedHazards(
      ds,
      whatIfScenario(region(id.countyA, id.townA, id.city, id.gridA), region(id.countyB, id.townB, id.city, id.gridB), `-${suffix}`),
    );
  });
  afterAll(() => ds.destroy());

  test('writes the Markdown (with its ECharts SVG charts), the .docx and the JSON, carrying the figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
    const policy = join(dir, 'proposed.json');
    writeFileSync(policy, JSON.stringify(SHORTER_DEADLINES));
    const out = join(dir, 'report');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.REDIS_URL;
    const { stdout } = await simulateCli(policy, tree.id.countyA, out, env);
    expect(stdout).toContain('实际 / actual 0 → 推演 / proposed 2');
    const md = readFileSync(`${out}.md`, 'utf8');
    expect(md).toContain('| 逾期隐患数 / hazards overdue | 0 | 2 |');
    expect(md).toContain('| 发督办函 / supervision letter | 0 | 2 |');
    expect(md).toMatch(/\| extension\.requested \| \w+ \| 1 \|/);
    expect(md).toContain('![逾期隐患 / overdue hazards](report-charts/overdue.svg)');
    const charts = readdirSync(`${out}-charts`);
    expect(charts.sort()).toEqual(['documents.svg', 'overdue.svg', 'regions.svg', 'reviews.svg', 'stages.svg']);
    expect(readFileSync(join(`${out}-charts`, 'overdue.svg'), 'utf8')).toMatch(/^<svg[\s\S]*逾期隐患/);
    expect(readFileSync(`${out}.docx`).subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(readFileSync(`${out}.json`, 'utf8')).proposed.overdue.count).toBe(2);
  }, 120_000);

  test('a policy that fails the schema is refused with the field, and no file is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
    const policy = join(dir, 'bad.json');
    writeFileSync(policy, JSON.stringify({ ...SHORTER_DEADLINES, extension: { ...SHORTER_DEADLINES.extension, maxCount: -1 } }));
    await expect(simulateCli(policy, tree.id.countyA, join(dir, 'report'), process.env)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('policy.extension.maxCount'),
    });
    expect(existsSync(join(dir, 'report.md'))).toBe(false);
  });
});

/** `npm run cli -- simulate` over the what-if period, from the build. */
function simulateCli(policy: string, jurisdiction: string, out: string, env: NodeJS.ProcessEnv) {
  return run(
    process.execPath,
    [
      join(REPO_ROOT, 'dist/apps/cli/src/main.js'),
      'simulate',
      '--policy',
      policy,
      '--jurisdiction',
      jurisdiction,
      '--from',
      WHAT_IF_PERIOD.from,
      '--to',
      WHAT_IF_PERIOD.to,
      '--out',
      out,
    ],
    { env, cwd: REPO_ROOT },
  );
}
