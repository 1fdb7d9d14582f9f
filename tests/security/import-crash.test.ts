import { OWN_QUEUE_PREFIX, PREVIOUS_QUEUE_PREFIX } from '@hazards/testing/env/own-queue-prefix';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ManagedProcess } from '../../infra/local-stack/managed-process';
import { startApi } from '@hazards/testing/api/api-app';
import { apiClient, upload } from '@hazards/testing/api/http-client';
import { createReferenceTree, type ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { startImporter } from '@hazards/testing/stack/test-stack';
import { hugeSharedString } from '@hazards/testing/files/hostile-workbooks';

/*
 * A workbook no bound foresaw (here: the bounds are opened wide on purpose, and 240 MB of shared
 * strings meet a 96 MiB heap) kills only the child process that ran its import: the import is
 * marked failed with the reason, the importer takes the next job, and the API never noticed.
 */

const PREFIX = OWN_QUEUE_PREFIX;
let ds: DataSource;
let app: INestApplication;
let baseUrl: string;
let tree: ReferenceTree;
let importer: ManagedProcess;

beforeAll(async () => {
  // This file's API and importer share a queue prefix of their own: the wide-open bounds stay here.
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  importer = await startImporter(env, join(process.env.TMPDIR ?? '/tmp'), {
    QUEUE_PREFIX: PREFIX,
    IMPORT_JOB_MAX_HEAP_MB: '96',
    IMPORT_MAX_SHARED_STRING_CHARS: String(2 ** 30),
    IMPORT_MAX_INFLATE_RATIO: '1000000',
  });
  ds = await openTestDataSource();
  tree = await createReferenceTree(ds);
  ({ app, baseUrl } = await startApi());
});

afterAll(async () => {
  await app?.close();
  await importer?.stop(5000);
  await ds?.destroy();
  process.env.QUEUE_PREFIX = PREVIOUS_QUEUE_PREFIX;
});

it('an import that exhausts its heap fails with the reason; the importer and the API stay up', async () => {
  const api = apiClient(baseUrl);
  const token = await api.login(tree.users.entA, TEST_PASSWORD);
  const started = await upload(baseUrl, '/imports', token, await hugeSharedString(120 * 1024 * 1024), '内存炸弹.xlsx');
  expect(started.status).toBe(202);
  let result: any;
  for (let i = 0; i < 480 && !['done', 'failed'].includes(result?.status); i++) {
    await new Promise((ok) => setTimeout(ok, 250));
    result = (await api.call('GET', `/imports/${started.body.importId}`, { token })).body;
  }
  expect(result).toMatchObject({ status: 'failed', registered: 0 });
  expect(result.fileErrors).toEqual([
    expect.objectContaining({ code: 'import_crashed', reason: expect.stringMatching(/导入进程异常终止.*exit/) }),
  ]);
  expect(importer.exited).toBe(false);
  expect((await api.call('GET', '/health')).status).toBe(200);
});
