import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { filesForm, PNG, photoForm } from '@hazards/testing/files/evidence-files';
import { hazardIn, HazardParties } from '@hazards/testing/fixtures/hazard-states';
import { apiClient } from '@hazards/testing/api/http-client';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';

/*
 * An enterprise uploads photos and documents of its rectification. The API keeps what it can
 * vouch for (SHA-256, size, type read from the bytes, uploader, server time), refuses what it
 * cannot take (too large 413, not an accepted type 415), and hands files only to those who may
 * see the hazard.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(254, 0x90)]);
const TEXT = Buffer.from('整改已完成，请复核。');
const MAX_BYTES = 20 * 1024 * 1024;

let ds: DataSource;
let ctx: ApiTestContext;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
let baseUrl: string;
const token = {} as Record<'entA' | 'entB' | 'townA' | 'townB' | 'city' | 'county' | 'admin', string>;
let hazardId: string;
let otherHazardId: string;

beforeAll(async () => {
  ctx = await startApiTestContext();
  ({ ds, tree } = ctx);
  baseUrl = ctx.baseUrl;
  api = ctx.api;
  for (const [k, u] of [
    ['entA', 'entA'],
    ['entB', 'entB'],
    ['townA', 'townA'],
    ['townB', 'townB'],
    ['city', 'city'],
    ['county', 'countyA'],
    ['admin', 'admin'],
  ] as const) {
    token[k] = await api.login(tree.users[u], TEST_PASSWORD);
  }
  const parties: HazardParties = { enterpriseId: tree.id.entA, enterprise: token.entA, county: token.county, township: token.townA };
  [hazardId, otherHazardId] = [(await hazardIn(api, parties, 'reported')).id, (await hazardIn(api, parties, 'reported')).id];
}, 120_000);

afterAll(async () => {
  await ctx?.stop();
});

const upload = (id: string, form: FormData, who = token.entA) => api.call('POST', `/hazards/${id}/evidence`, { token: who, form });
const stored = async (id: string) =>
  (await ds.query('select count(*)::int as n from evidence_files where hazard_id = $1', [id]))[0].n as number;

describe('evidence of a rectification', () => {
  it('stores a photo and a PDF with their SHA-256, size, type, uploader and server time, under their Chinese names', async () => {
    const before = Date.now();
    const r = await upload(
      hazardId,
      filesForm({ bytes: PNG, name: '整改后照片.png', type: 'image/png' }, { bytes: PDF, name: '验收报告.pdf', type: 'application/pdf' }),
    );
    expect(r.status).toBe(201);
    const me = (await api.call('GET', '/auth/me', { token: token.entA })).body;
    expect(r.body).toEqual([
      expect.objectContaining({
        fileName: '整改后照片.png',
        contentType: 'image/png',
        sizeBytes: PNG.length,
        sha256: createHash('sha256').update(PNG).digest('hex'),
        uploadedBy: me.id,
      }),
      expect.objectContaining({
        fileName: '验收报告.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploadedBy: me.id,
      }),
    ]);
    expect(Date.parse(r.body[0].uploadedAt)).toBeGreaterThanOrEqual(before - 1000);

    // The township reads the hazard and downloads the photo: the same bytes, with their hash.
    const detail = await api.call('GET', `/hazards/${hazardId}`, { token: token.townA });
    expect(detail.body.evidence.map((e: { fileName: string }) => e.fileName)).toEqual(
      expect.arrayContaining(['整改后照片.png', '验收报告.pdf']),
    );
    const res = await fetch(`${baseUrl}/hazards/${hazardId}/evidence/${r.body[0].id}`, {
      headers: { authorization: `Bearer ${token.townA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-sha256')).toBe(r.body[0].sha256);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses a file over 20 MiB with 413 and stores nothing', async () => {
    const before = await stored(hazardId);
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES - PNG.length + 1)]);
    const r = await upload(hazardId, filesForm({ bytes: big, name: '超大照片.png', type: 'image/png' }));
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({
      statusCode: 413,
      code: 'payload_too_large',
      message: expect.any(String),
      messageEn: expect.any(String),
    });
    expect(await stored(hazardId)).toBe(before);
  });

  it('refuses a program and a text file dressed as a photo with 415, and a batch with one of them stores none', async () => {
    const before = await stored(hazardId);
    const exe = await upload(hazardId, filesForm({ bytes: EXE, name: 'setup.exe', type: 'application/octet-stream' }));
    expect(exe.status).toBe(415);
    expect(exe.body).toMatchObject({
      code: 'unsupported_file_type',
      field: 'files',
      message: expect.stringMatching(/setup\.exe.*类型不支持/),
      messageEn: expect.stringMatching(/not an accepted type/),
    });
    const text = await upload(hazardId, filesForm({ bytes: TEXT, name: '照片.png', type: 'image/png' }));
    expect(text.status).toBe(415);
    const mixed = await upload(
      hazardId,
      filesForm({ bytes: PNG, name: '好照片.png', type: 'image/png' }, { bytes: TEXT, name: '说明.txt', type: 'text/plain' }),
    );
    expect(mixed.status).toBe(415);
    expect(await stored(hazardId)).toBe(before);
  });

  it('asks for at least one file, and at most ten at a time', async () => {
    const none = await upload(hazardId, new FormData());
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('no_files');
    const eleven = filesForm(...Array.from({ length: 11 }, (_, i) => ({ bytes: PNG, name: `照片${i}.png`, type: 'image/png' })));
    expect((await upload(hazardId, eleven)).status).toBe(400);
  });

  it('answers 404 to an upload to a hazard the caller may not see, and stores nothing', async () => {
    const before = await stored(hazardId);
    expect((await upload(hazardId, photoForm(), token.entB)).status).toBe(404);
    expect((await upload(hazardId, photoForm(), token.townB)).status).toBe(404);
    expect((await upload('00000000-0000-4000-8000-000000000000', photoForm())).status).toBe(404);
    expect(await stored(hazardId)).toBe(before);
    // Admins read everything but change nothing.
    expect((await upload(hazardId, photoForm(), token.admin)).status).toBe(403);
  });

  it('hands a file only to those who may see its hazard, and only under that hazard', async () => {
    const photo = (await upload(hazardId, photoForm('复查照片.png'))).body[0].id as string;
    const get = (who: string, id = hazardId) => api.call('GET', `/hazards/${id}/evidence/${photo}`, { token: who });
    expect((await get(token.entA)).status).toBe(200);
    expect((await get(token.townA)).status).toBe(200);
    expect((await get(token.city)).status).toBe(200);
    expect((await get(token.entB)).status).toBe(404);
    expect((await get(token.townB)).status).toBe(404);
    // A visible hazard's path does not open another hazard's file.
    expect((await get(token.entA, otherHazardId)).status).toBe(404);
    expect((await api.call('GET', `/hazards/${hazardId}/evidence/${photo}`)).status).toBe(401);
  });

  it('takes no more evidence once the hazard is withdrawn (409)', async () => {
    const withdrawn = await api.call('POST', `/hazards/${otherHazardId}/withdrawal`, {
      token: token.county,
      body: { kind: 'duplicate', reason: '重复上报', duplicateOf: hazardId },
    });
    expect(withdrawn.status).toBe(200);
    const before = await stored(otherHazardId);
    const r = await upload(otherHazardId, photoForm());
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('hazard_closed');
    expect(await stored(otherHazardId)).toBe(before);
  });
});
