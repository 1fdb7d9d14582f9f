import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { waitFor } from '@hazards/testing/polling';
import { ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';

/**
 * 重复隐患 through the API, the real workflows and PostgreSQL: the grid inspector and the
 * enterprise report the same defect in their own words; the second report lists the first as a
 * candidate; the township merges it; the duplicate ends withdrawn and linked, the original keeps
 * both sources, and statistics count two discoveries by source but one hazard found.
 */
describe('a hazard reported twice by different sources is merged into one', () => {
  let ctx: ApiTestContext;
  let ds: DataSource;
  let tree: ReferenceTree;
  let api: ApiTestContext['api'];
  let tokens: Record<'grid' | 'ent' | 'town' | 'county' | 'city' | 'entB' | 'otherTown', string>;

  beforeAll(async () => {
    ctx = await startApiTestContext();
    ({ ds, tree, api } = ctx);
    const [grid, ent, town, county, city, entB, otherTown] = await Promise.all([
      api.login(tree.users.gridA, TEST_PASSWORD),
      api.login(tree.users.entA, TEST_PASSWORD),
      api.login(tree.users.townA, TEST_PASSWORD),
      api.login(tree.users.countyA, TEST_PASSWORD),
      api.login(tree.users.city, TEST_PASSWORD),
      api.login(tree.users.entB, TEST_PASSWORD),
      api.login(tree.users.townB, TEST_PASSWORD),
    ]);
    tokens = { grid, ent, town, county, city, entB, otherTown };
  });
  afterAll(async () => ctx?.stop());

  const report = async (token: string, enterpriseId: string, source: string, description: string, location: string) => {
    const r = await api.call('POST', '/hazards', { token, body: { enterpriseId, source, description, location } });
    expect(r.status).toBe(201);
    return r.body as { hazardId: string; duplicateCandidates: { hazardId: string; descriptionSimilarity: number }[] };
  };
  const snapshot = async (id: string) => (await ds.query('select status, last_seq, detail from hazards where id = $1', [id]))[0];
  const stats = async () => (await api.call('GET', `/statistics?jurisdictionId=${tree.id.townA}`, { token: tokens.town })).body;

  it('lists the first report as a candidate of the second, and the merge counts each discovery by source but the hazard once', async () => {
    const before = await stats();
    const first = await report(tokens.grid, tree.id.entA, '网格巡查', '2号储罐区可燃气体报警器失效，未及时维修', '2号储罐区');
    const second = await report(tokens.ent, tree.id.entA, '企业自查', '二号储罐区可燃气体报警仪损坏', '2号储罐区');
    // Found on report, and returned to the reporter.
    expect(second.duplicateCandidates.map((c) => c.hazardId)).toContain(first.hazardId);

    // The grader sees it with its similarity.
    const listed = await api.call('GET', `/hazards/${second.hazardId}/duplicate-candidates`, { token: tokens.town });
    expect(listed.status).toBe(200);
    const candidate = listed.body.candidates.find((c: { hazardId: string }) => c.hazardId === first.hazardId);
    expect(candidate).toMatchObject({ source: '网格巡查', status: 'reported' });
    expect(candidate.descriptionSimilarity).toBeGreaterThanOrEqual(listed.body.rules.minDescriptionSimilarity);
    expect(candidate.locationSimilarity).toBe(1);
    // The enterprise that reported may not see the grader's list.
    expect((await api.call('GET', `/hazards/${second.hazardId}/duplicate-candidates`, { token: tokens.ent })).status).toBe(403);

    const merged = await api.call('POST', `/hazards/${second.hazardId}/merge`, {
      token: tokens.town,
      body: { originalId: first.hazardId },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      duplicate: { hazardId: second.hazardId, status: 'withdrawn', duplicateOf: first.hazardId },
      original: { hazardId: first.hazardId, sources: ['网格巡查', '企业自查'] },
    });

    // The duplicate: withdrawn, kind duplicate, linked; its history says so.
    await waitFor(async () => (await snapshot(second.hazardId))?.status === 'withdrawn');
    const dup = await api.call('GET', `/hazards/${second.hazardId}`, { token: tokens.town });
    expect(dup.body.detail.withdrawal).toMatchObject({ kind: 'duplicate', duplicateOf: first.hazardId });
    expect(dup.body.timeline.at(-1)).toMatchObject({ step: 'withdrawn', toStatus: 'withdrawn' });
    // The original: every source that reported it, in its history and its read model.
    await waitFor(async () => ((await snapshot(first.hazardId))?.detail.discoveries ?? []).length === 1);
    const orig = await api.call('GET', `/hazards/${first.hazardId}`, { token: tokens.town });
    expect(orig.body.status).toBe('reported');
    expect(orig.body.detail.discoveries).toEqual([expect.objectContaining({ hazardId: second.hazardId, source: '企业自查' })]);
    expect(orig.body.timeline.at(-1)).toMatchObject({
      step: 'discovery.merged',
      data: expect.objectContaining({ sources: ['网格巡查', '企业自查'] }),
    });
    expect((await api.call('GET', `/hazards/${first.hazardId}/duplicate-candidates`, { token: tokens.town })).body.merged).toEqual([
      expect.objectContaining({ hazardId: second.hazardId, source: '企业自查' }),
    ]);

    // Statistics: found counts the hazard once; by source, each discovery counts.
    const after = await stats();
    const bySource = (s: { bySource: { key: string; count: number }[] }, k: string) => s.bySource.find((b) => b.key === k)?.count ?? 0;
    expect(after.totals.found - before.totals.found).toBe(1);
    expect(after.totals.withdrawn - before.totals.withdrawn).toBe(0);
    expect(bySource(after, '网格巡查') - bySource(before, '网格巡查')).toBe(1);
    expect(bySource(after, '企业自查') - bySource(before, '企业自查')).toBe(1);
    expect(
      after.bySource.reduce((n: number, b: { count: number }) => n + b.count, 0) -
        before.bySource.reduce((n: number, b: { count: number }) => n + b.count, 0),
    ).toBe(2);
    // The query appendix says how each is counted.
    const found = after.queries.find((q: { id: string }) => q.id === after.traces.found);
    expect(found.label).toContain('合并后只计一次');
    // Each figure is still the total of a list query: found leaves merged duplicates out of the list.
    expect(found.listUrl).toContain('merged=false');
    expect((await api.call('GET', `${found.listUrl}&limit=1`, { token: tokens.town })).body.total).toBe(after.totals.found);
    expect(after.bySource.map((b: { q: string }) => after.queries.find((q: { id: string }) => q.id === b.q).label).join()).toContain(
      '每次发现各计一次',
    );
  });

  it('completes a merge cut between its two steps when it is retried, and refuses one already complete', async () => {
    const first = await report(tokens.grid, tree.id.entA, '网格巡查', '3号车间配电柜接地线脱落', '3号车间');
    const second = await report(tokens.ent, tree.id.entA, '企业自查', '三号车间配电柜接地线松脱', '3号车间');
    // What a merge leaves when its API instance dies between its updates: the duplicate withdrawn
    // and linked to the original, and nothing yet on the original.
    const cut = await api.call('POST', `/hazards/${second.hazardId}/withdrawal`, {
      token: tokens.town,
      body: { kind: 'duplicate', duplicateOf: first.hazardId, reason: `与隐患 ${first.hazardId} 重复，已合并` },
    });
    expect(cut.status).toBe(200);
    await waitFor(async () => (await snapshot(second.hazardId))?.status === 'withdrawn');
    expect((await snapshot(first.hazardId)).detail.discoveries ?? []).toEqual([]);

    const retried = await api.call('POST', `/hazards/${second.hazardId}/merge`, {
      token: tokens.town,
      body: { originalId: first.hazardId },
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      duplicate: { hazardId: second.hazardId, status: 'withdrawn', duplicateOf: first.hazardId, seq: cut.body.seq },
      original: { hazardId: first.hazardId, sources: ['网格巡查', '企业自查'] },
    });
    await waitFor(async () => ((await snapshot(first.hazardId))?.detail.discoveries ?? []).length === 1);
    const merged = await api.call('GET', `/hazards/${first.hazardId}`, { token: tokens.town });
    expect(merged.body.detail.discoveries).toEqual([expect.objectContaining({ hazardId: second.hazardId, source: '企业自查' })]);

    // Once complete, the same merge again records nothing twice.
    const again = await api.call('POST', `/hazards/${second.hazardId}/merge`, { token: tokens.town, body: { originalId: first.hazardId } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ message: expect.stringMatching(/已合并/), messageEn: expect.stringMatching(/merged already/) });
    const steps = await ds.query(`select count(*)::int as n from hazard_history where hazard_id = $1 and step = 'discovery.merged'`, [
      first.hazardId,
    ]);
    expect(steps[0].n).toBe(1);
  });

  it('refuses illegal merges with 4xx and changes nothing', async () => {
    const a = await report(tokens.grid, tree.id.entA, '网格巡查', '危化品仓库防爆灯具损坏', '危化品仓库');
    const b = await report(tokens.ent, tree.id.entA, '企业自查', '危化品仓库防爆灯失效', '危化品仓库');
    const other = await report(tokens.entB, tree.id.entB, '企业自查', '危化品仓库防爆灯具损坏', '危化品仓库');
    // An original closed long ago (a read-model row: the merge is refused before any workflow is asked).
    const old = randomUUID();
    await ds.query(
      `insert into hazards (id, status, grade, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source, description,
         reported_at, closed_at, policy_version, last_seq, detail)
       values ($1, 'closed', 'general', $2, $3, $4, $5, $6, $7, '监督检查', '危化品仓库防爆灯具损坏', now() - interval '50 days', now() - interval '45 days', 'default-v2', 5,
         '{"location": "危化品仓库"}')`,
      [
        old,
        tree.id.entA,
        `/${tree.id.city}/${tree.id.countyA}/${tree.id.townA}/${tree.id.gridA}/`,
        tree.id.city,
        tree.id.countyA,
        tree.id.townA,
        tree.id.gridA,
      ],
    );
    const state = async () => Promise.all([a.hazardId, b.hazardId, other.hazardId, old].map(snapshot));
    // Each lifecycle has written its first step (the row's snapshot) before the attempts.
    await waitFor(async () => (await state()).every((r) => r.last_seq >= 1));
    const unchanged = await state();

    const merge = (id: string, originalId: string, token = tokens.town) =>
      api.call('POST', `/hazards/${id}/merge`, { token, body: { originalId } });
    const expectRefused = (r: { status: number; body: any }, status: number, code: string) => {
      expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
      expect(typeof r.body.message).toBe('string');
      expect(typeof r.body.messageEn).toBe('string');
      expect(r.body.field).toBeDefined();
    };
    expectRefused(await merge(b.hazardId, b.hazardId), 422, 'merge_into_itself');
    expectRefused(await merge(other.hazardId, a.hazardId, tokens.city), 422, 'different_enterprise');
    expectRefused(await merge(b.hazardId, old), 422, 'original_closed_too_long');
    expectRefused(await merge(b.hazardId, randomUUID()), 422, 'unknown_original');
    // Roles that may not merge: the enterprise, the grid inspector; a township that cannot see it.
    expect((await merge(b.hazardId, a.hazardId, tokens.ent)).status).toBe(403);
    expect((await merge(b.hazardId, a.hazardId, tokens.grid)).status).toBe(403);
    expect((await merge(b.hazardId, a.hazardId, tokens.otherTown)).status).toBe(404);

    expect(await state()).toEqual(unchanged);
    expect((await api.call('GET', `/hazards/${a.hazardId}/duplicate-candidates`, { token: tokens.town })).body.merged).toEqual([]);
  });
});
