import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { startApi } from '@hazards/testing/api/api-app';
import { apiClient, upload } from '@hazards/testing/api/http-client';
import { createReferenceTree, type ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { blankBomb, manyRows, manySharedStrings, wideColumnBomb } from '@hazards/testing/files/hostile-workbooks';

/*
 * An enterprise user uploads workbooks built to hurt: a cell at column HJUNYV (100,000,000), a
 * sheet that inflates a thousandfold, half a million shared strings, more rows than allowed. Each
 * is refused with its row, column and reason, registers nothing, and the API keeps answering
 * (the workbook is never opened in the API: the importer process reads it, with bounds).
 */

let ds: DataSource;
let app: INestApplication;
let baseUrl: string;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
let token: string;

beforeAll(async () => {
  ds = await openTestDataSource();
  tree = await createReferenceTree(ds);
  ({ app, baseUrl } = await startApi());
  api = apiClient(baseUrl);
  token = await api.login(tree.users.entA, TEST_PASSWORD);
});

afterAll(async () => {
  await app?.close();
  await ds?.destroy();
});

async function importOf(file: Buffer, name: string) {
  const started = await upload(baseUrl, '/imports', token, file, name);
  expect(started.status).toBe(202);
  for (let i = 0; i < 480; i++) {
    const r = await api.call('GET', `/imports/${started.body.importId}`, { token });
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`import ${name} did not finish`);
}

const registeredInTree = async () =>
  (await ds.query('select count(*)::int as n from hazards where enterprise_id = $1', [tree.id.entA]))[0].n as number;

describe('hostile workbooks', () => {
  it('refuses the 682-byte workbook with a cell at column HJUNYV, naming the row and column, and the API stays up', async () => {
    const bomb = await wideColumnBomb();
    expect(bomb.length).toBeLessThan(2048);
    const result = await importOf(bomb, '宽列炸弹.xlsx');
    expect(result).toMatchObject({ status: 'failed', registered: 0 });
    expect(result.fileErrors).toEqual([
      expect.objectContaining({ code: 'too_many_columns', row: 1, column: 'HJUNYV', reason: expect.stringMatching(/列数超过上限.*16384/) }),
    ]);
    expect((await api.call('GET', '/health')).status).toBe(200);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(200);
  });

  it('refuses a sheet that inflates a thousandfold before inflating it', async () => {
    const bomb = await blankBomb(64);
    expect(bomb.length).toBeLessThan(512 * 1024);
    const result = await importOf(bomb, '压缩炸弹.xlsx');
    expect(result.status).toBe('failed');
    expect(result.fileErrors.map((e: { code: string }) => e.code)).toEqual(['inflate_ratio']);
  });

  it('refuses more shared strings than allowed, counted as they stream', async () => {
    const result = await importOf(await manySharedStrings(500_001), '共享字符串.xlsx');
    expect(result.status).toBe('failed');
    expect(result.fileErrors).toEqual([
      expect.objectContaining({ code: 'too_many_shared_strings', reason: expect.stringContaining('500000') }),
    ]);
  });

  it('refuses a file with one row more than IMPORT_MAX_ROWS at that row, and registers none of the rows before it', async () => {
    const ent = (await ds.query('select credit_code from enterprises where id = $1', [tree.id.entA]))[0].credit_code as string;
    const result = await importOf(await manyRows(50_001, ent), '超行.xlsx');
    expect(result).toMatchObject({ status: 'failed', registered: 0, done: 0 });
    expect(result.fileErrors).toEqual([
      expect.objectContaining({ code: 'too_many_rows', row: 50_002, reason: expect.stringContaining('50000') }),
    ]);
    expect(await registeredInTree()).toBe(0);
  });
});
