import '@hazards/testing/env/isolated-anchor-file';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import { runCli } from '../../apps/cli/src/cli';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { readZipEntries, verifyDossier } from '@hazards/archive/dossier/dossier-verifier';
import { startApi } from '@hazards/testing/api/api-app';
import { filesForm, PNG } from '@hazards/testing/files/evidence-files';
import { startHazardWorker } from '@hazards/testing/stack/hazard-worker';
import { apiClient } from '@hazards/testing/api/http-client';
import { createReferenceTree, ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { routeTable } from '@hazards/testing/api/route-table';

/*
 * 等保 level 3 audit trail: every mutating route, every login and every refusal leaves exactly one
 * audit row with time, user, event type, object, result and source address. The route list is
 * read from the running application, so a new route is walked too. Then the dossier (隐患档案) of
 * a hazard closed through the API: it verifies offline; with one evidence file changed, it does not.
 */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const key = ArchiveKey.fromEnv();

const PLAN = {
  goalAndTasks: '消除1号车间粉尘涉爆隐患',
  methodsAndMeasures: '加装除尘系统泄爆装置并接地',
  fundsAndMaterials: '专项资金12万元',
  responsibleBodyAndPeople: '设备部 刘工（负责人）',
  timeLimitAndRequirements: '25个工作日内完成并验收',
  safetyMeasuresAndEmergencyPlan: '施工期间停产，配备应急物资',
};

interface AuditRow {
  at: Date;
  user_id: string | null;
  username: string | null;
  event_type: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  http_status: number | null;
  source_ip: string | null;
  request_id: string | null;
  chain_seq: string | null;
  row_hmac: string | null;
}

describe('the audit trail and the hazard dossier', () => {
  let ds: DataSource;
  let app: INestApplication;
  let stopWorker: () => Promise<void>;
  let tree: ReferenceTree;
  let api: ReturnType<typeof apiClient>;
  let tmp: string;
  let baseUrl: string;
  const tokens: Record<string, string> = {};
  /** The closed hazard and its (unique) evidence photo. */
  let closed: { id: string; fileId: string; sha256: string; storagePath: string } | undefined;

  const auditRows = async (requestId: string): Promise<AuditRow[]> =>
    ds.query('select *, chain_seq::text as chain_seq from audit_log where request_id = $1', [requestId]);

  /** One request with its own request id, and the audit rows it left. */
  async function audited(method: string, path: string, o: { token?: string; body?: unknown; form?: FormData } = {}) {
    const requestId = randomUUID();
    const answer = await api.call(method, path, { ...o, headers: { 'x-request-id': requestId } });
    return { answer, rows: await auditRows(requestId), requestId };
  }

  /** Exactly one row, with every 等保 field; the user's too unless nobody was logged in. */
  function expectOneFullRow(r: { rows: AuditRow[]; requestId: string }, what: string, user?: { id: string; username: string }) {
    expect({ what, rows: r.rows.length }).toEqual({ what, rows: 1 });
    const row = r.rows[0];
    for (const field of [
      'at',
      'event_type',
      'object_type',
      'object_id',
      'result',
      'source_ip',
      'request_id',
      'chain_seq',
      'row_hmac',
    ] as const) {
      expect({ what, field, value: row[field] ?? null }).not.toEqual({ what, field, value: null });
    }
    expect(row.request_id).toBe(r.requestId);
    if (user) expect({ what, userId: row.user_id, username: row.username }).toEqual({ what, userId: user.id, username: user.username });
    return row;
  }

  const userOf = async (username: string) =>
    (await ds.query('select id, username from users where username = $1', [username]))[0] as { id: string; username: string };

  beforeAll(async () => {
    ds = await openTestDataSource();
    tree = await createReferenceTree(ds);
    tmp = mkdtempSync(join(tmpdir(), 'dossier-'));
    ({ stop: stopWorker } = await startHazardWorker(ds));
    const started = await startApi();
    app = started.app;
    baseUrl = started.baseUrl;
    api = apiClient(baseUrl);
    for (const u of ['entA', 'townA', 'countyA', 'townB', 'city', 'assessor', 'admin'] as const)
      tokens[u] = await api.login(tree.users[u], TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await stopWorker?.();
    await ds?.destroy();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const mutatingRoutes = () => routeTable(app).filter((r) => MUTATING.has(r.method));
  const concrete = (path: string) =>
    path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => (/id$/i.test(name) ? randomUUID() : name === 'channel' ? 'email' : 'x'));

  it('every mutating route, called by nobody, refuses: a failed login is recorded once, the other refusals are counted, not sealed', async () => {
    const routes = mutatingRoutes();
    expect(routes.length).toBeGreaterThan(10);
    // Counted from the minute this test began (a sliding window would drop this test's own early
    // minutes when a loaded machine makes the loop take minutes).
    const since = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const counted = async () =>
      Number(
        (
          await ds.query(
            `select coalesce(sum(count), 0) as n from refusal_counts where http_status = 401 and code = 'unauthenticated' and minute >= $1`,
            [since],
          )
        )[0].n,
      );
    const before = await counted();
    for (const route of routes) {
      const isLogin = route.key === 'POST /auth/login';
      const r = await audited(route.method, concrete(route.path), {
        body: isLogin ? { username: `nobody-${tree.suffix}`, password: 'wrong-password' } : {},
      });
      expect({ route: route.key, status: r.answer.status }).toEqual({ route: route.key, status: 401 });
      if (isLogin) expect(expectOneFullRow(r, route.key).result).toBe('failure');
      else expect({ route: route.key, rows: r.rows.length }).toEqual({ route: route.key, rows: 0 });
    }
    for (let i = 0; i < 40 && (await counted()) < before + routes.length - 1; i++) await new Promise((ok) => setTimeout(ok, 250));
    expect(await counted()).toBeGreaterThanOrEqual(before + routes.length - 1);
  });

  it('every mutating route, called by a user outside its reach, answers and records who it was once', async () => {
    const assessor = await userOf(tree.users.assessor);
    for (const route of mutatingRoutes()) {
      const isLogin = route.key === 'POST /auth/login';
      const r = await audited(
        route.method,
        concrete(route.path),
        isLogin ? { body: { username: tree.users.assessor, password: 'wrong-password' } } : { token: tokens.assessor, body: {} },
      );
      expect({ route: route.key, status: r.answer.status < 500 }).toEqual({ route: route.key, status: true });
      const row = expectOneFullRow(r, route.key, assessor);
      expect(row.result).toBe(r.answer.status < 400 ? 'success' : isLogin ? 'failure' : 'refused');
    }
  });

  it('a login leaves one row; the hazard lifecycle leaves one success row per action, naming the hazard', async () => {
    const ent = await userOf(tree.users.entA);
    const login = await audited('POST', '/auth/login', { body: { username: tree.users.entA, password: TEST_PASSWORD } });
    expect(login.answer.status).toBe(200);
    expect(expectOneFullRow(login, 'login', ent)).toMatchObject({ event_type: 'login', result: 'success' });

    const t = tokens;
    const ok = async (method: string, path: string, token: string, o: { body?: unknown; form?: FormData } = {}) => {
      const r = await audited(method, path, { token, ...o });
      expect({ path, status: r.answer.status, body: r.answer.status < 300 ? null : r.answer.body }).toEqual({
        path,
        status: r.answer.status < 300 ? r.answer.status : 200,
        body: null,
      });
      const row = expectOneFullRow(r, `${method} ${path}`);
      expect(row.result).toBe('success');
      return { ...r.answer, row };
    };
    const reported = await ok('POST', '/hazards', t.entA, {
      body: { enterpriseId: tree.id.entA, source: '企业自查', description: '1号车间除尘系统未设泄爆装置', location: '1号车间' },
    });
    const id = reported.body.hazardId as string;
    expect(reported.row.object_id).toBe(id);
    // A photo of its own (a PNG with a unique tail), so changing it on disk touches no other test's file.
    const photo = Buffer.concat([PNG, randomBytes(16)]);
    const uploaded = await ok('POST', `/hazards/${id}/evidence`, t.entA, {
      form: filesForm({ bytes: photo, name: '整改后照片.png', type: 'image/png' }),
    });
    const fileId = uploaded.body[0].id as string;
    const steps: [string, string, unknown][] = [
      [
        'grade',
        t.countyA,
        {
          grade: 'major',
          accidentType: '其他爆炸',
          industry: '制造业',
          criterion: { standard: '工贸企业重大事故隐患判定标准（2023）', item: '第十一条' },
        },
      ],
      ['listing', t.countyA, { level: 'county', authority: '甲县人民政府', leadDepartment: '甲县应急管理局' }],
      ['plan', t.entA, { plan: PLAN, interimMeasures: '1号车间停产，每日巡检', productionStopped: true, stopScope: '1号车间' }],
      ['plan/decision', t.countyA, { decision: 'approve' }],
      ['extensions', t.entA, { workingDays: 5, reason: '泄爆片到货延迟' }],
      ['extensions/decision', t.countyA, { decision: 'approve' }],
      ['completion', t.entA, { evidenceFileIds: [fileId], assessment: { by: 'self', conclusion: '泄爆装置已安装并测试合格' } }],
      ['reviews', t.townA, { result: 'pass', reason: '现场核查合格' }],
      ['reviews', t.countyA, { result: 'pass', reason: '复核合格，同意销号' }],
    ];
    for (const [action, token, body] of steps) {
      const r = await ok('POST', `/hazards/${id}/${action}`, token, { body });
      expect(r.row).toMatchObject({ object_type: 'hazard', object_id: id, event_type: `POST /hazards/:id/${action}` });
    }
    expect((await api.call('GET', `/hazards/${id}`, { token: t.city })).body.status).toBe('closed');

    // Another hazard: a stop order, an accident, a penalty, then withdrawn as a false report.
    const other = (
      await ok('POST', '/hazards', t.townA, { body: { enterpriseId: tree.id.entA, source: '监督检查', description: '叉车无证驾驶' } })
    ).body.hazardId as string;
    await ok('POST', `/hazards/${other}/production-stop`, t.countyA, { body: { action: 'ordered', scope: '仓库' } });
    await ok('POST', `/hazards/${other}/accidents`, t.countyA, {
      body: {
        accidentId: `acc-${tree.suffix}`,
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        description: '叉车碰撞货架，无人员伤亡',
      },
    });
    await ok('POST', `/hazards/${other}/penalties`, t.countyA, { body: { lawArticle: '《安全生产法》第一百零二条', amountYuan: 10000 } });
    await ok('POST', `/hazards/${other}/withdrawal`, t.townA, { body: { kind: 'false', reason: '经核实为不实举报' } });

    const [file] = await ds.query('select sha256, storage_path from evidence_files where id = $1', [fileId]);
    closed = { id, fileId, sha256: file.sha256, storagePath: file.storage_path };
  });

  it("a closed hazard's dossier verifies offline: record, plan, timeline, evidence with SHA-256, reviews, signed manifest", async () => {
    expect(closed).toBeDefined();
    const { id, sha256 } = closed!;
    const r = await audited('GET', `/hazards/${id}/dossier`, { token: tokens.city });
    expect(r.answer.status).toBe(200);
    expect(r.answer.headers.get('content-type')).toBe('application/zip');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ event_type: 'dossier.export', object_id: id, result: 'success' });
    const zip = await download(id, tokens.city);

    const result = await verifyDossier(zip, key);
    expect(result).toMatchObject({ ok: true, hazardId: id, evidence: 1, problems: [] });
    const entries = await readZipEntries(zip);
    expect([...entries.keys()].filter((k) => !k.startsWith('documents/')).sort()).toEqual([
      'README.txt',
      'documents.json',
      'evidence.json',
      'evidence/001-整改后照片.png',
      'manifest.json',
      'manifest.sig',
      'plan.json',
      'record.json',
      'reviews.json',
      'timeline.json',
    ]);
    const json = (p: string) => JSON.parse(entries.get(p)!.toString('utf8'));
    // The listing and delisting notices (issue 18), each .docx with the SHA-256 sealed when it was issued.
    expect(json('documents.json').map((d: { kind: string }) => d.kind)).toEqual(['listing_notice', 'delisting_notice']);
    for (const d of json('documents.json')) expect(entries.get(d.path)!.subarray(0, 2).toString()).toBe('PK');
    expect(json('record.json').hazard).toMatchObject({ id, status: 'closed', grade: 'major' });
    expect(json('plan.json').plan.plan).toEqual(PLAN);
    expect(json('timeline.json').map((s: { step: string }) => s.step)).toEqual([
      'reported',
      'graded',
      'listed',
      'plan.submitted',
      'plan.approved',
      'extension.requested',
      'extension.approved',
      'completion.submitted',
      'review.passed',
      'closed',
    ]);
    expect(json('timeline.json').every((s: { rowHmac: string }) => /^[0-9a-f]{64}$/.test(s.rowHmac))).toBe(true);
    expect(json('reviews.json').signOff.step.step).toBe('closed');
    expect(json('evidence.json')[0]).toMatchObject({ recordedSha256: sha256, sha256 });
    expect(json('manifest.json').evidence[0].sha256).toBe(sha256);

    const file = join(tmp, 'dossier.zip');
    writeFileSync(file, zip);
    const cli = await cliOutput(['dossier', 'verify'], [file]);
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.out).toContain(`verified 校验通过: dossier of hazard ${id}`);

    // Only those who may see the hazard get it.
    expect((await api.call('GET', `/hazards/${id}/dossier`, { token: tokens.townB })).status).toBe(404);
    expect((await api.call('GET', `/hazards/${id}/dossier`)).status).toBe(401);
  });

  it('a dossier with a changed evidence file does not verify: changed in the zip, or changed on disk before it was made', async () => {
    const { id, storagePath } = closed!;
    const zip = await download(id, tokens.countyA);
    const entries = await readZipEntries(zip);
    const path = 'evidence/001-整改后照片.png';
    entries.set(path, Buffer.concat([entries.get(path)!, Buffer.from('tampered')]));
    const tampered = await rezip(entries);
    const result = await verifyDossier(tampered, key);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(`${path} was changed`);
    const file = join(tmp, 'tampered.zip');
    writeFileSync(file, tampered);
    const cli = await cliOutput(['dossier', 'verify'], [file]);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('NOT VERIFIED 校验失败');

    // The stored file itself altered after upload: the dossier shows it and does not verify.
    const original = readFileSync(storagePath);
    writeFileSync(storagePath, Buffer.concat([original, Buffer.from('edited')]));
    try {
      const fromDisk = await verifyDossier(await download(id, tokens.countyA), key);
      expect(fromDisk.ok).toBe(false);
      expect(fromDisk.problems.join('\n')).toContain('does not match the SHA-256 recorded at upload');
    } finally {
      writeFileSync(storagePath, original);
    }
    // And a manifest edited to match the changed file fails its signature.
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    manifest.files.find((f: { path: string }) => f.path === path).sha256 = 'f'.repeat(64);
    entries.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    expect((await verifyDossier(await rezip(entries), key)).problems.join('\n')).toContain('signature does not match');
  });

  it('admins verify the chains through the API; others may not', async () => {
    const r = await audited('GET', '/archive/verify', { token: tokens.admin });
    expect(r.answer.status).toBe(200);
    // The whole report on failure: which chain broke, where and how.
    expect(r.answer.body.chains.filter((c: { intact: boolean }) => !c.intact)).toEqual([]);
    expect(r.answer.body.intact).toBe(true);
    expect(r.answer.body.chains.map((c: { chain: string }) => c.chain)).toEqual(['hazard_history', 'audit_log']);
    expect(r.answer.body.chains.every((c: { rows: number }) => c.rows > 0)).toBe(true);
    expect(r.rows).toHaveLength(1);
    const refused = await audited('GET', '/archive/verify', { token: tokens.city });
    expect(refused.answer.status).toBe(403);
    expectOneFullRow(refused, 'GET /archive/verify as a supervisor', await userOf(tree.users.city));
  });

  async function download(id: string, token: string): Promise<Buffer> {
    const res = await fetch(`${baseUrl}/hazards/${id}/dossier`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }
});

function rezip(entries: Map<string, Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [path, content] of entries) zip.addBuffer(content, path);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function cliOutput(command: string[], args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = jest.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  try {
    return { code: await runCli([...command, ...args]), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}
