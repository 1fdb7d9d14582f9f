import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { writeCriticism } from '../../apps/notifier/src/accountability/criticism.writer';
import { loadHazardContext } from '../../apps/notifier/src/messages/hazard-context.loader';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { readZipEntries, verifyDossier } from '@hazards/archive/dossier/dossier-verifier';
import type { DomainEvent } from '@hazards/events/domain-event';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { ReferenceTree, logInAll } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * Accountability documents through the API (issue 18), against the real worker, Temporal dev server
 * and PostgreSQL: a city-listed hazard's listing notice, published and shown on the public page
 * without login; 督办函 issued on demand, numbered without gaps, downloadable as a .docx that
 * carries the facts and matches the SHA-256 sealed in the history; a penalty bounded by its article;
 * a criticism carried by the next bulletin of the city, once; the delisting notice at sign-off,
 * public once published; and every document in the dossier, which verifies offline.
 */
const PLAN = {
  goalAndTasks: '消除液氨储罐区泄漏报警失效隐患',
  methodsAndMeasures: '更换报警探头并接入紧急切断',
  fundsAndMaterials: '专项资金12万元',
  responsibleBodyAndPeople: '设备部',
  timeLimitAndRequirements: '30个工作日',
  safetyMeasuresAndEmergencyPlan: '储罐区停用，配备便携式检测仪',
};
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082',
  'hex',
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let ctx: ApiTestContext;
let ds: DataSource;
let tree: ReferenceTree;
let api: ApiTestContext['api'];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ctx = await startApiTestContext();
  ({ ds, tree, api } = ctx);
  await logInAll(api, tree, ['city', 'countyA', 'townA', 'townB', 'entA'], tokens);
});
afterAll(async () => ctx?.stop());

const ok = (method: string, path: string, token: string, body?: unknown) => api.succeed(method, path, token, body);
const documents = async (id: string, token = tokens.city) =>
  (await ok('GET', `/hazards/${id}/documents`, token)).body as {
    documentId: string;
    kind: string;
    number: string;
    sha256: string;
    publishedAt: string | null;
  }[];
const publicNotices = async () => {
  const r = await api.call('GET', `/public/notices?jurisdictionId=${tree.id.city}`);
  expect(r.status).toBe(200);
  return r.body as { items: Record<string, unknown>[] };
};

describe('accountability documents through the API (问责文书)', () => {
  it('a city-listed hazard: notices on the public page once published, letters numbered and sealed, a penalty in range, a criticism carried once, a dossier that verifies', async () => {
    const id = (
      await ok('POST', '/hazards', tokens.entA, {
        enterpriseId: tree.id.entA,
        source: '企业自查',
        description: '液氨储罐区泄漏报警失效',
        location: '液氨储罐区',
      })
    ).body.hazardId as string;
    await ok('POST', `/hazards/${id}/grade`, tokens.countyA, {
      grade: 'major',
      accidentType: '中毒和窒息',
      industry: '危险化学品',
      criterion: { standard: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）', item: '第十条' },
    });
    await ok('POST', `/hazards/${id}/listing`, tokens.city, {
      level: 'city',
      authority: '测试市人民政府',
      leadDepartment: '测试市应急管理局',
      orderNumber: '测安委〔2026〕8号',
    });

    // 挂牌公告: issued with the listing, not public until published; only the city publishes it.
    await waitFor('the listing notice', async () => (await documents(id)).some((d) => d.kind === 'listing_notice'), 30_000);
    const listing = (await documents(id)).find((d) => d.kind === 'listing_notice')!;
    expect((await publicNotices()).items.map((n) => n.number)).not.toContain(listing.number);
    expect(
      (await api.call('POST', `/hazards/${id}/documents/${listing.documentId}/publication`, { token: tokens.countyA, body: {} })).status,
    ).toBe(403);
    await ok('POST', `/hazards/${id}/documents/${listing.documentId}/publication`, tokens.city, {});
    const shown = (await publicNotices()).items.find((n) => n.number === listing.number)!;
    expect(shown).toMatchObject({
      kind: 'listing_notice',
      enterprise: expect.stringContaining('甲化工有限公司'),
      hazard: '液氨储罐区泄漏报警失效',
      listingAuthority: '测试市人民政府',
      leadDepartment: '测试市应急管理局',
      orderNumber: '测安委〔2026〕8号',
    });
    // No person's name on the public page (the enterprise's principal is 张甲), no evidence, no ids.
    expect(JSON.stringify(shown)).not.toMatch(/张甲|hazardId|documentId|evidence/);
    expect((await api.call('GET', '/public/notices?limit=1000')).body).toMatchObject({ code: expect.any(String), field: 'limit' });

    await ok('POST', `/hazards/${id}/plan`, tokens.entA, {
      plan: PLAN,
      interimMeasures: '储罐区停用',
      productionStopped: true,
      stopScope: '液氨储罐区',
    });
    await ok('POST', `/hazards/${id}/plan/decision`, tokens.city, { decision: 'approve' });

    // 督办函 on demand: the city may (the listing level), a township may not; two letters take consecutive numbers.
    const refused = await api.call('POST', `/hazards/${id}/documents`, { token: tokens.townA, body: { kind: 'supervision_letter' } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'wrong_level', messageEn: expect.stringContaining('city') });
    expect((await api.call('POST', `/hazards/${id}/documents`, { token: tokens.city, body: { kind: 'notice' } })).body).toMatchObject({
      field: 'kind',
    });
    await ok('POST', `/hazards/${id}/documents`, tokens.city, {
      kind: 'supervision_letter',
      requirement: '十个工作日内完成报警探头更换并联锁测试',
    });
    await ok('POST', `/hazards/${id}/documents`, tokens.city, { kind: 'supervision_letter' });
    const letters = (await documents(id)).filter((d) => d.kind === 'supervision_letter');
    const seqs = letters.map((l) => Number(/〔\d{4}〕(\d+)号$/.exec(l.number)![1]));
    expect(seqs[1]).toBe(seqs[0] + 1);

    // The enterprise downloads the letter: a .docx carrying the facts, its SHA-256 the one sealed in the history.
    const letter = letters[0];
    const res = await fetch(`${ctx.baseUrl}/hazards/${id}/documents/${letter.documentId}/file`, {
      headers: { authorization: `Bearer ${tokens.entA}` },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-content-sha256')).toBe(sha256(bytes));
    expect(sha256(bytes)).toBe(letter.sha256);
    const xml = (await readZipEntries(bytes)).get('word/document.xml')!.toString('utf8');
    for (const fact of [
      '督办函',
      letter.number,
      '甲化工有限公司',
      '液氨储罐区泄漏报警失效',
      '测试市人民政府',
      '测试市应急管理局',
      '十个工作日内完成报警探头更换并联锁测试',
    ])
      expect(xml).toContain(fact);
    const timeline = (await ok('GET', `/hazards/${id}`, tokens.city)).body.timeline as { step: string; data: Record<string, any> }[];
    expect(timeline.filter((t) => t.step === 'document.issued').map((t) => t.data.document?.sha256 ?? t.data.sha256)).toEqual(
      letters.map((l) => l.sha256),
    );
    // Someone who may not see the hazard cannot learn the document exists.
    expect((await api.call('GET', `/hazards/${id}/documents/${letter.documentId}/file`, { token: tokens.townB })).status).toBe(404);

    // A penalty above art 102's range for the enterprise is refused and changes nothing; one within it is numbered.
    const tooMuch = await api.call('POST', `/hazards/${id}/penalties`, {
      token: tokens.city,
      body: { lawArticle: '《安全生产法》第一百零二条', amountYuan: 60000 },
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'penalty_out_of_range', field: 'amountYuan', message: expect.stringContaining('50,000') });
    await ok('POST', `/hazards/${id}/penalties`, tokens.city, {
      lawArticle: '《安全生产法》第一百零二条',
      amountYuan: 50000,
      basisDocumentId: letter.documentId,
    });
    await waitFor('the penalty decision', async () => (await documents(id)).some((d) => d.kind === 'penalty_decision'), 30_000);
    expect((await ok('GET', `/hazards/${id}`, tokens.city)).body.detail.penalties).toHaveLength(1);

    // No interview has been ordered (the ladder has not reached it): scheduling one is refused.
    expect(
      (
        await api.call('POST', `/hazards/${id}/interviews/schedule`, {
          token: tokens.city,
          body: {
            at: new Date(Date.now() + 86_400_000).toISOString(),
            place: '市应急局',
            enterprisePrincipal: '张甲',
            departmentResponsible: '王丙',
          },
        })
      ).body,
    ).toMatchObject({ code: 'no_interview' });

    // 通报批评 decided by the ladder's stage (as the notifier records it) is carried by the next bulletin the city issues, once.
    const event: DomainEvent = {
      eventId: `crit-${id}`,
      type: 'escalation.raised',
      hazardId: id,
      occurredAt: new Date().toISOString(),
      payload: { kind: 'overdue_ladder', stage: 5, action: 'public_criticism', escalatedTo: 'province', detail: { criticisedBy: 'city' } },
    } as unknown as DomainEvent;
    await ds.transaction(async (m) => writeCriticism(m, event, await loadHazardContext(m, id)));
    const preview = (await ok('GET', `/bulletins?format=json&jurisdictionId=${tree.id.city}`, tokens.city)).body;
    expect(preview.sections.at(-1).heading).toContain('通报批评');
    const issued = await api.call('POST', `/bulletins/issues?jurisdictionId=${tree.id.city}`, { token: tokens.city });
    expect(issued.status).toBe(201);
    expect(issued.body.criticisms.map((c: { hazardId: string }) => c.hazardId)).toContain(id);
    expect(issued.body.model.sections.at(-1).table.rows.flat().join()).toContain('甲化工有限公司');
    const [carried] = await ds.query('select bulletin_id from public_criticisms where hazard_id = $1', [id]);
    expect(carried.bulletin_id).toBe(issued.body.id);
    const again = await ok('POST', `/bulletins/issues?jurisdictionId=${tree.id.city}`, tokens.city);
    expect(again.body.criticisms.map((c: { hazardId: string }) => c.hazardId)).not.toContain(id);

    // 责任追究清单: the letters, the penalty and the criticism (with the bulletin that carried it), as JSON and .xlsx; and a bulletin section.
    const list = (await ok('GET', `/accountability-list?jurisdictionId=${tree.id.city}`, tokens.city)).body.items.filter(
      (r: { hazardId: string }) => r.hazardId === id,
    );
    expect(list.map((r: { measure: string }) => r.measure).sort()).toEqual([
      'penalty_decision',
      'public_criticism',
      'supervision_letter',
      'supervision_letter',
    ]);
    expect(list.find((r: { measure: string }) => r.measure === 'public_criticism')).toMatchObject({
      number: issued.body.number,
      region: expect.stringContaining('甲县'),
    });
    expect(list.find((r: { measure: string }) => r.measure === 'penalty_decision').detail).toBe('50000元');
    const xlsx = await fetch(`${ctx.baseUrl}/accountability-list?format=xlsx&jurisdictionId=${tree.id.city}`, {
      headers: { authorization: `Bearer ${tokens.city}` },
    });
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(issued.body.model.sections.map((x: { heading: string }) => x.heading)).toEqual(
      expect.arrayContaining([expect.stringContaining('责任追究')]),
    );
    expect(
      (
        await api.call('GET', `/accountability-list?jurisdictionId=${tree.id.city}&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, {
          token: tokens.city,
        })
      ).body,
    ).toMatchObject({ code: 'bad_period', field: 'to' });

    // Sign-off, level by level: the delisting notice is issued, and public only once published.
    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), '整改后照片.png');
    const fileId = (await api.call('POST', `/hazards/${id}/evidence`, { token: tokens.entA, form })).body[0].id;
    await ok('POST', `/hazards/${id}/completion`, tokens.entA, {
      evidenceFileIds: [fileId],
      assessment: { by: 'self', conclusion: '报警探头已更换并联锁测试合格' },
    });
    for (const who of ['townA', 'countyA', 'city']) {
      if ((await ok('GET', `/hazards/${id}`, tokens.city)).body.status === 'closed') break;
      await ok('POST', `/hazards/${id}/reviews`, tokens[who], { result: 'pass', reason: '复核合格' });
    }
    expect((await ok('GET', `/hazards/${id}`, tokens.city)).body.status).toBe('closed');
    await waitFor('the delisting notice', async () => (await documents(id)).some((d) => d.kind === 'delisting_notice'), 30_000);
    const delisting = (await documents(id)).find((d) => d.kind === 'delisting_notice')!;
    expect((await publicNotices()).items.map((n) => n.number)).not.toContain(delisting.number);
    await ok('POST', `/hazards/${id}/documents/${delisting.documentId}/publication`, tokens.city, {});
    const page = (await publicNotices()).items;
    expect(page[0]).toMatchObject({ number: delisting.number, kind: 'delisting_notice', closedAt: expect.any(String) });

    // The dossier holds every document, each as sealed, and verifies offline.
    const zip = Buffer.from(
      await (await fetch(`${ctx.baseUrl}/hazards/${id}/dossier`, { headers: { authorization: `Bearer ${tokens.city}` } })).arrayBuffer(),
    );
    expect(await verifyDossier(zip, ArchiveKey.fromEnv())).toMatchObject({ ok: true, problems: [] });
    const inDossier = JSON.parse((await readZipEntries(zip)).get('documents.json')!.toString('utf8')) as {
      number: string;
      recordedSha256: string;
    }[];
    expect(inDossier.map((d) => d.number).sort()).toEqual((await documents(id)).map((d) => d.number).sort());
    expect(inDossier.map((d) => d.number)).toEqual(
      expect.arrayContaining([listing.number, ...letters.map((l) => l.number), delisting.number]),
    );
  });

  it('GET /public/notices needs no login and refuses bad filters with a 4xx', async () => {
    expect((await api.call('GET', '/public/notices')).status).toBe(200);
    expect((await api.call('GET', '/public/notices?jurisdictionId=nowhere-at-all')).body).toMatchObject({
      code: 'unknown_jurisdiction',
      field: 'jurisdictionId',
    });
    expect((await api.call('GET', '/public/notices?before=yesterday')).status).toBe(400);
  });
});
