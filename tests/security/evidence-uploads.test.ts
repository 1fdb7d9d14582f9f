import { BYTES_PER_ENTERPRISE, EVIDENCE_DIR, FILES_PER_HAZARD } from '@hazards/testing/env/small-evidence-quotas';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { filesForm, PNG } from '@hazards/testing/files/evidence-files';
import { hazardIn } from '@hazards/testing/fixtures/hazard-states';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';

/*
 * Uploads go to disk as they arrive, hashed on the way; a hazard the caller may not see is
 * answered before its body is read; a hazard has at most so many files and an enterprise so many
 * bytes (EVIDENCE_MAX_FILES_PER_HAZARD, EVIDENCE_MAX_BYTES_PER_ENTERPRISE).
 */

let ctx: ApiTestContext;
const token: Record<string, string> = {};
let hazardA: string;
let hazardA2: string;

beforeAll(async () => {
  ctx = await startApiTestContext();
  for (const u of ['entA', 'entB', 'countyA', 'townA'] as const) token[u] = await ctx.api.login(ctx.tree.users[u], TEST_PASSWORD);
  const parties = { enterpriseId: ctx.tree.id.entA, enterprise: token.entA, county: token.countyA, township: token.townA };
  hazardA = (await hazardIn(ctx.api, parties, 'reported')).id;
  hazardA2 = (await hazardIn(ctx.api, parties, 'reported')).id;
}, 120_000);

afterAll(async () => {
  await ctx?.stop();
});

const png = (kib: number, name = '照片.png') => ({ bytes: Buffer.concat([PNG, Buffer.alloc(kib * 1024)]), name, type: 'image/png' });
const upload = (id: string, form: FormData, who = token.entA) => ctx.api.call('POST', `/hazards/${id}/evidence`, { token: who, form });
const stored = async (id: string) =>
  (await ctx.ds.query('select count(*)::int as n from evidence_files where hazard_id = $1', [id]))[0].n as number;

it('answers 404 to an upload to a hazard the caller may not see before the body has been sent', async () => {
  const url = new URL(`${ctx.baseUrl}/hazards/${hazardA}/evidence`);
  const boundary = 'x-hostile-boundary';
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token.entB}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(20 * 1024 * 1024),
        },
      },
      (res) => {
        resolve(res.statusCode!);
        res.resume();
        req.destroy();
      },
    );
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="big.png"\r\ncontent-type: image/png\r\n\r\n`);
    req.write(Buffer.alloc(1024 * 1024));
    // The other 19 MiB are never sent: an API that reads the body first would never answer.
    setTimeout(() => reject(new Error('no answer while the body was still coming')), 15_000).unref();
  });
  expect(status).toBe(404);
  expect(await stored(hazardA)).toBe(0);
});

it('streams a file to disk, hashed on the way, and leaves nothing behind in the incoming folder', async () => {
  const file = png(300, '整改照片.png');
  const r = await upload(hazardA, filesForm(file));
  expect(r.status).toBe(201);
  expect(r.body[0]).toMatchObject({
    sizeBytes: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    contentType: 'image/png',
  });
  expect(readdirSync(join(EVIDENCE_DIR, '.incoming'))).toEqual([]);
});

it(`refuses more than ${FILES_PER_HAZARD} files on one hazard with 413 and stores none of the batch`, async () => {
  expect((await upload(hazardA, filesForm(png(1, 'a.png')))).status).toBe(201);
  const over = await upload(hazardA, filesForm(png(1, 'b.png'), png(1, 'c.png')));
  expect(over.status).toBe(413);
  expect(over.body.code).toBe('hazard_file_quota');
  expect(await stored(hazardA)).toBe(2);
  expect((await upload(hazardA, filesForm(png(1, 'd.png')))).status).toBe(201);
  expect((await upload(hazardA, filesForm(png(1, 'e.png')))).body.code).toBe('hazard_file_quota');
  expect(readdirSync(join(EVIDENCE_DIR, '.incoming'))).toEqual([]);
});

it(`refuses bytes past the enterprise's ${BYTES_PER_ENTERPRISE / 1024} KiB quota, across its hazards, with 413`, async () => {
  const over = await upload(hazardA2, filesForm(png(800, 'big.png')));
  expect(over.status).toBe(413);
  expect(over.body.code).toBe('enterprise_byte_quota');
  expect(await stored(hazardA2)).toBe(0);
  expect(readdirSync(join(EVIDENCE_DIR, '.incoming'))).toEqual([]);
});
