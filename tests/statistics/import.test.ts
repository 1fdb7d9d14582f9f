import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { IMPORT_COLUMNS } from '@hazards/imports/import-columns';
import { hazardIdForRowKey, rowKey } from '@hazards/imports/row-key';
import { runCli } from '../../apps/cli/src/cli';
import { startHazardWorker } from '@hazards/testing/stack/hazard-worker';
import { apiClient, download, upload } from '@hazards/testing/api/http-client';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { readSheet, unregisteredCreditCode, xlsxOf } from '@hazards/testing/files/import-files';
import { startApi } from '@hazards/testing/api/api-app';
import { createStatisticsTree, type StatisticsTree } from '@hazards/testing/fixtures/statistics-tree';

const H = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<(typeof IMPORT_COLUMNS)[number]['key'], string>;
// Any column order; an unknown column (备注) is ignored.
const HEADERS = [H.description, H.creditCode, H.externalId, H.source, '备注', H.location, H.inspectionId];

describe('bulk intake from .xlsx and export to .xlsx', () => {
  let ds: DataSource;
  let app: INestApplication;
  let baseUrl: string;
  let api: ReturnType<typeof apiClient>;
  let tree: StatisticsTree;
  let stopWorker: () => Promise<void>;
  let token: string;
  let file: Buffer;
  let good: { row: number; cells: Record<string, string> }[];
  let expectedProblems: { row: number; column: string | null; code: string }[];
  const dir = mkdtempSync(join(tmpdir(), 'hazard-import-test-'));

  const waitDone = async (id: string) => {
    let last: unknown;
    for (let i = 0; i < 240; i++) {
      const r = await api.call('GET', `/imports/${id}`, { token });
      if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
      last = r.body;
      await new Promise((ok) => setTimeout(ok, 250));
    }
    throw new Error(`import did not finish: ${JSON.stringify(last)}`);
  };

  beforeAll(async () => {
    process.env.IMPORT_DIR = dir;
    ds = await openTestDataSource();
    tree = await createStatisticsTree(ds);
    ({ stop: stopWorker } = await startHazardWorker(ds));
    const started = await startApi();
    app = started.app;
    baseUrl = started.baseUrl;
    api = apiClient(baseUrl);
    token = await api.login(tree.users.xian, TEST_PASSWORD);

    const [e0, e1, e2] = tree.enterprises;
    const campaign = `camp-${tree.suffix}`;
    await ds.query(
      `insert into inspection_campaigns (id, name, jurisdiction_id, starts_on, ends_on, created_by) values ($1, '导入测试大检查', $2, '2026-01-01', '2026-12-31', 'test')`,
      [campaign, tree.city.id],
    );
    const insp1 = `insp-1-${tree.suffix}`;
    const insp0 = `insp-0-${tree.suffix}`;
    await ds.query(
      `insert into inspections (id, campaign_id, enterprise_id, inspected_on, kind, created_by) values ($1,$3,$4,'2026-05-01','四不两直','test'), ($2,$3,$5,'2026-05-02','督查','test')`,
      [insp1, insp0, campaign, e1.id, e0.id],
    );
    const row = (o: Partial<Record<keyof typeof H, string>>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [H[k as keyof typeof H], v!]));
    const rows: (Record<string, string> | null)[] = [
      /* 2 */ row({
        externalId: 'EXT-1',
        creditCode: e0.creditCode,
        source: '企业自查',
        description: '配电房门口堆放杂物',
        location: '配电房',
      }),
      /* 3 */ row({ creditCode: e1.creditCode.toLowerCase(), source: '四不两直', description: '冲床安全光幕失效', inspectionId: insp1 }),
      /* 4 */ row({ creditCode: e0.creditCode, source: '监督检查', description: '消防通道被占用' }),
      /* 5 */ row({ creditCode: e1.creditCode, source: '网格巡查', description: '有限空间作业未审批', location: '污水池' }),
      /* 6 */ { ...row({ creditCode: e0.creditCode, source: '举报', description: '夜间违规动火作业' }), 备注: '群众举报' },
      /* 7 */ row({ source: '企业自查', description: '缺少企业的行' }),
      /* 8 */ row({ creditCode: e0.creditCode }),
      /* 9 */ row({ creditCode: '91320', source: '企业自查', description: '代码长度不对' }),
      /* 10 */ row({ creditCode: 'IOIOIOIOIOIOIOIOIO', source: '企业自查', description: '代码含非法字符' }),
      /* 11 */ row({
        creditCode: e0.creditCode.slice(0, 17) + (e0.creditCode[17] === '0' ? '1' : '0'),
        source: '企业自查',
        description: '校验位错误',
      }),
      /* 12 */ row({ creditCode: unregisteredCreditCode(tree.suffix), source: '企业自查', description: '企业未登记' }),
      /* 13 */ row({ creditCode: e2.creditCode, source: '企业自查', description: '企业在乙区，不在甲县' }),
      /* 14 */ row({ creditCode: e0.creditCode, source: '电话', description: '来源不在词表中' }),
      /* 15 */ row({ creditCode: e0.creditCode, source: '企业自查', description: '短' }),
      /* 16 */ row({ creditCode: e0.creditCode, source: '企业自查', description: '位置太长', location: '位'.repeat(201) }),
      /* 17 */ row({ externalId: 'X'.repeat(65), creditCode: e0.creditCode, source: '企业自查', description: '外部编号太长' }),
      /* 18 */ row({ creditCode: e0.creditCode, source: '企业自查', description: '检查记录不存在', inspectionId: 'no-such-inspection' }),
      /* 19 */ row({ creditCode: e1.creditCode, source: '督查', description: '检查记录属于别的企业', inspectionId: insp0 }),
      /* 20 */ row({ externalId: 'EXT-1', creditCode: e0.creditCode, source: '企业自查', description: '与第2行外部编号相同' }),
      /* 21 */ null,
      /* 22 */ row({ externalId: 'EXT-22', creditCode: e1.creditCode, source: '专家检查', description: '空行之后的行保留其行号' }),
    ];
    file = await xlsxOf(HEADERS, rows);
    const cellsOf = (r: Record<string, string>) =>
      Object.fromEntries(IMPORT_COLUMNS.filter((c) => r[c.header]).map((c) => [c.key, r[c.header]]));
    good = [2, 3, 4, 5, 6, 22].map((n) => ({ row: n, cells: cellsOf(rows[n - 2]!) }));
    expectedProblems = [
      { row: 7, column: H.creditCode, code: 'required' },
      { row: 8, column: H.source, code: 'required' },
      { row: 8, column: H.description, code: 'required' },
      { row: 9, column: H.creditCode, code: 'credit_code_length' },
      { row: 10, column: H.creditCode, code: 'credit_code_characters' },
      { row: 11, column: H.creditCode, code: 'credit_code_check' },
      { row: 12, column: H.creditCode, code: 'enterprise_unknown' },
      { row: 13, column: H.creditCode, code: 'enterprise_outside_reach' },
      { row: 14, column: H.source, code: 'source_invalid' },
      { row: 15, column: H.description, code: 'description_length' },
      { row: 16, column: H.location, code: 'location_length' },
      { row: 17, column: H.externalId, code: 'external_id_length' },
      { row: 18, column: H.inspectionId, code: 'inspection_unknown' },
      { row: 19, column: H.inspectionId, code: 'inspection_enterprise_mismatch' },
      { row: 20, column: null, code: 'duplicate_in_file' },
    ];
  });

  afterAll(async () => {
    await app?.close();
    await stopWorker?.();
    await ds?.destroy();
  });

  it('serves the template with the Chinese headers and instructions', async () => {
    const t = await download(baseUrl, '/imports/template', token);
    expect(t.status).toBe(200);
    expect(t.headers.get('content-type')).toContain('spreadsheetml');
    expect((await readSheet(t.body))[0]).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    const help = (await readSheet(t.body, 2)).map((r) => r.join('|'));
    expect(help.some((l) => l.includes('duplicate_in_file'))).toBe(true);
  });

  it('registers the valid rows (workflows started) and reports every broken row by row, column and reason', async () => {
    const started = await upload(baseUrl, '/imports', token, file, '隐患导入.xlsx');
    expect(started.status).toBe(202);
    const result = await waitDone(started.body.importId);
    expect(result).toMatchObject({
      status: 'done',
      total: 20,
      done: 20,
      registered: 6,
      alreadyRegistered: 0,
      invalid: 14,
      failed: 0,
      fileName: '隐患导入.xlsx',
    });
    const problems = (await api.call('GET', `/imports/${started.body.importId}/errors`, { token })).body;
    expect(
      problems.map((p: { row: number; column: string | null; code: string }) => ({ row: p.row, column: p.column, code: p.code })),
    ).toEqual(expectedProblems);
    expect(problems.find((p: { row: number }) => p.row === 20).reason).toContain('第2行');
    expect(problems.every((p: { reason: string }) => / \/ /.test(p.reason))).toBe(true);

    // Each valid row is one hazard whose id comes from the row's key; its lifecycle has run its first step.
    const ids = good.map((g) => hazardIdForRowKey(rowKey(g.cells)));
    for (let i = 0; i < 120; i++) {
      const n = (await ds.query(`select count(*)::int as n from hazards where id = any($1) and last_seq >= 1`, [ids]))[0].n;
      if (n === ids.length) break;
      await new Promise((ok) => setTimeout(ok, 250));
    }
    const rows: { id: string; status: string; last_seq: number; inspection_id: string | null; description: string }[] = await ds.query(
      `select id, status, last_seq, inspection_id, description from hazards where id = any($1) order by description`,
      [ids],
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'reported' && r.last_seq >= 1)).toBe(true);
    expect(rows.find((r) => r.description === '冲床安全光幕失效')!.inspection_id).toBe(`insp-1-${tree.suffix}`);
    // Invalid rows registered nothing: the tree has exactly the six hazards.
    const all = (await ds.query(`select count(*)::int as n from hazards where city_id = $1`, [tree.city.id]))[0].n;
    expect(all).toBe(6);
    const history = (await ds.query(`select count(*)::int as n from hazard_history where hazard_id = any($1) and seq = 1`, [ids]))[0].n;
    expect(history).toBe(6);

    // The report as .xlsx: the rows not registered, their cells and an error column.
    const report = await download(baseUrl, `/imports/${started.body.importId}/report.xlsx`, token);
    const sheet = await readSheet(report.body);
    expect(sheet[0]).toEqual(['原行号', ...IMPORT_COLUMNS.map((c) => c.header), '错误原因']);
    expect(sheet.slice(1).map((r) => Number(r[0]))).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const row8 = sheet.find((r) => r[0] === '8')!;
    expect(row8[row8.length - 1]).toContain(`${H.source}：必填项为空`);
    expect(row8[row8.length - 1]).toContain(`${H.description}：必填项为空`);
  });

  it('registers nothing twice: the same file again (API or CLI) adds nothing', async () => {
    const again = await upload(baseUrl, '/imports', token, file, '隐患导入.xlsx');
    const result = await waitDone(again.body.importId);
    expect(result).toMatchObject({ status: 'done', total: 20, registered: 0, alreadyRegistered: 6, invalid: 14 });
    const path = join(dir, '再次导入.xlsx');
    writeFileSync(path, file);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runCli(['import', path, '--user', tree.users.xian]).finally(() => {
      log.mockRestore();
      err.mockRestore();
    });
    expect(code).toBe(1); // some rows are invalid
    expect(existsSync(join(dir, '再次导入.errors.xlsx'))).toBe(true);
    expect((await readSheet(readFileSync(join(dir, '再次导入.errors.xlsx')))).length).toBe(15);
    const cli: { registered_rows: number; already_registered_rows: number; invalid_rows: number }[] = await ds.query(
      `select registered_rows, already_registered_rows, invalid_rows from hazard_imports where file_name = '再次导入.xlsx' order by created_at desc limit 1`,
    );
    expect(cli[0]).toEqual({ registered_rows: 0, already_registered_rows: 6, invalid_rows: 14 });
    expect((await ds.query(`select count(*)::int as n from hazards where city_id = $1`, [tree.city.id]))[0].n).toBe(6);
  });

  it('refuses a file without the required columns, and a file that is not .xlsx', async () => {
    const bad = await upload(baseUrl, '/imports', token, await xlsxOf(['隐患描述', '备注'], [{ 隐患描述: '没有企业列' }]), 'bad.xlsx');
    const result = await waitDone(bad.body.importId);
    expect(result.status).toBe('failed');
    expect(result.fileErrors.map((e: { code: string; column: string }) => [e.code, e.column])).toEqual([
      ['header_missing', H.creditCode],
      ['header_missing', H.source],
    ]);
    expect((await upload(baseUrl, '/imports', token, Buffer.from('a,b'), 'x.csv')).status).toBe(415);
    const garbage = await upload(baseUrl, '/imports', token, Buffer.from('not a zip at all'), 'garbage.xlsx');
    expect((await waitDone(garbage.body.importId)).fileErrors[0].code).toBe('not_xlsx');
  });

  it('exports a list view to .xlsx with the same rows as the list', async () => {
    const list = await api.call('GET', `/hazards?jurisdictionId=${tree.counties[0].id}&status=reported&limit=200`, { token });
    const x = await download(baseUrl, `/exports/hazards.xlsx?jurisdictionId=${tree.counties[0].id}&status=reported`, token);
    expect(x.status).toBe(200);
    const sheet = await readSheet(x.body);
    expect(sheet[0].slice(0, 3)).toEqual(['隐患编号', '企业', '企业编号']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(list.body.items.map((h: { id: string }) => h.id));
    expect(sheet.slice(1).every((r) => r[10] === '已上报')).toBe(true);
    expect((await download(baseUrl, '/exports/hazards.xlsx?grade=nonsense', token)).status).toBe(400);
  });
  it('records the candidate duplicates of each imported row for the grader: earlier reports and rows of the same file', async () => {
    const [e0, e1] = tree.enterprises;
    const row = (o: Partial<Record<keyof typeof H, string>>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [H[k as keyof typeof H], v!]));
    const cells = [
      // The grid's words for the enterprise's own report of row 2 in the first file (配电房门口堆放杂物).
      { creditCode: e0.creditCode, source: '网格巡查', description: '配电房门口堆放大量杂物，影响通行', location: '配电房' },
      // Two rows of this file about one grinder guard, in two sources' words.
      { creditCode: e1.creditCode, source: '企业自查', description: '2号车间砂轮机防护罩缺失', location: '2号车间' },
      { creditCode: e1.creditCode, source: '监督检查', description: '二号车间砂轮机未设防护罩', location: '二号车间' },
      // Enterprise 1's light-curtain defect (first file), word for word, but at enterprise 0: not a duplicate.
      { creditCode: e0.creditCode, source: '监督检查', description: '冲床安全光幕失效' },
    ];
    const imported = await upload(baseUrl, '/imports', token, await xlsxOf(HEADERS, cells.map(row)), '重复导入.xlsx');
    const result = await waitDone(imported.body.importId);
    expect(result).toMatchObject({ status: 'done', registered: 4, invalid: 0, failed: 0, withDuplicateCandidates: 3 });
    const [grid, guardA, guardB, otherEnterprise] = cells.map((c) => hazardIdForRowKey(rowKey(c)));
    const firstFile = (description: string) => hazardIdForRowKey(rowKey(good.find((g) => g.cells.description === description)!.cells));
    const candidates = async (id: string) => {
      const r = await api.call('GET', `/hazards/${id}/duplicate-candidates`, { token });
      expect(r.status).toBe(200);
      return r.body.candidates as {
        hazardId: string;
        descriptionSimilarity: number;
        recorded: { foundOn: string; importId: string } | null;
      }[];
    };
    const recorded = { foundOn: 'import', importId: imported.body.importId };

    const ofGrid = await candidates(grid);
    expect(ofGrid.map((c) => c.hazardId)).toEqual([firstFile('配电房门口堆放杂物')]);
    expect(ofGrid[0]).toMatchObject({ recorded });
    expect(ofGrid[0].descriptionSimilarity).toBeGreaterThan(0.3);
    // The earlier hazard's grader sees the new report too.
    expect((await candidates(firstFile('配电房门口堆放杂物'))).map((c) => [c.hazardId, c.recorded?.importId])).toEqual([
      [grid, imported.body.importId],
    ]);
    // Rows of one file find each other, both ways.
    expect((await candidates(guardA)).map((c) => [c.hazardId, c.recorded?.foundOn])).toEqual([[guardB, 'import']]);
    expect((await candidates(guardB)).map((c) => [c.hazardId, c.recorded?.foundOn])).toEqual([[guardA, 'import']]);
    expect(await candidates(otherEnterprise)).toEqual([]);
    const pairs = await ds.query(`select count(*)::int as n from hazard_duplicate_candidates where import_id = $1`, [
      imported.body.importId,
    ]);
    expect(pairs[0].n).toBe(4);
  });
});
