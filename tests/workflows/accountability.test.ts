import {
  linkAccidentUpdate,
  recordPenaltyUpdate,
  recordProductionStopUpdate,
  reviewUpdate,
  submitCompletionUpdate,
} from '../../workflows/src';
import { actors, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { gradeMajor, listAt, planApproved, submitPlan } from '@hazards/testing/workflows/hazard-steps';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Monday 2025-03-10 09:00 Shanghai.
const t = useScenarioEnv(sh('2025-03-10', '09:00:00'));

async function rectifyingTownshipHazard(id: string) {
  const h = await startHazard(t, id);
  await gradeMajor(h, '其他爆炸', '第十一条(粉尘涉爆)');
  await listAt(h, 'township');
  await planApproved(h, '停用除尘系统3号线', actors.township);
  return h;
}
/** A major hazard of another enterprise, so art 113 counts only this test's penalties. */
async function majorHazard(id: string, enterpriseId: string) {
  const h = await startHazard(t, id, { enterpriseId });
  await gradeMajor(h, '其他爆炸', '第十一条');
  return h;
}
const complete = { actor: actors.enterprise, evidenceFileIds: ['f1'], assessment: { by: 'self' as const, conclusion: '已整改' } };

describe('accountability (责任追究)', () => {
  it('a third rejected review triggers responsibility tracing (责任倒查) naming the enterprise and the supervising department', async () => {
    const id = 'M-rejected';
    const h = await rectifyingTownshipHazard(id);
    for (let round = 1; round <= 3; round++) {
      await h.executeUpdate(submitCompletionUpdate, { args: [complete] });
      await h.executeUpdate(reviewUpdate, {
        args: [{ actor: actors.township, result: 'reject', reason: `第${round}次复核：泄爆口未整改到位` }],
      });
    }
    const st = await stateOf(h);
    expect(st.rejectionCount).toBe(3);
    expect(st.status).toBe('rectifying');
    expect(st.tracing).toMatchObject({ trigger: 'rejections' });
    const traced = t.recorder.events(id).filter((e) => e.type === 'accountability.traced');
    expect(traced).toHaveLength(1);
    expect(traced[0].step).toBe('review.rejected');
    expect(traced[0].payload).toMatchObject({
      trigger: 'rejections',
      rejectionCount: 3,
      enterprise: { enterpriseId: 'ent-913206001234567890', responsible: expect.stringContaining('主要负责人') },
      supervisingDepartment: {
        authority: '金沙镇人民政府',
        leadDepartment: '金沙镇安监办',
        listingLevel: 'township',
        rejectedBy: expect.arrayContaining([expect.objectContaining({ by: 'u-town' })]),
      },
    });
  });

  it('an accident during rectification marks accountability as heavier (从重追究)', async () => {
    const id = 'M-accident';
    const h = await rectifyingTownshipHazard(id);
    const during = new Date(await t.now()).toISOString(); // just now, while rectifying
    const r = await h.executeUpdate(linkAccidentUpdate, {
      args: [
        {
          actor: actors.county,
          accidentId: 'ACC-2025-031',
          occurredAt: during,
          description: '除尘器爆燃，1人灼伤',
          casualties: { injuries: 1 },
        },
      ],
    });
    expect(r.status).toBe('rectifying');
    const st = await stateOf(h);
    expect(st.heavierAccountability).toBe(true);
    const last = t.recorder.steps(id).at(-1)!;
    expect(last.snapshot.heavierAccountability).toBe(true);
    expect(last.events.map((e) => e.type)).toEqual(['hazard.accident_linked', 'accountability.traced']);
    expect(last.events[1].payload).toMatchObject({ trigger: 'accident_during_rectification', heavier: true, accidentId: 'ACC-2025-031' });
  });

  it('an accident linked before the hazard is even graded is recorded, but not as heavier', async () => {
    const h = await startHazard(t, 'M-accident-at-report');
    await h.executeUpdate(linkAccidentUpdate, {
      args: [{ actor: actors.county, accidentId: 'ACC-2025-032', occurredAt: sh('2025-03-10', '07:00:00'), description: '同一事故中发现' }],
    });
    expect((await stateOf(h)).heavierAccountability).toBe(false);
    expect(
      t.recorder
        .steps('M-accident-at-report')
        .at(-1)!
        .events.map((e) => e.type),
    ).toEqual(['hazard.accident_linked']);
  });

  it('Safety Law art 113: a third penalty within 180 days on a major hazard recommends closure, once', async () => {
    const id = 'M-art113';
    const h = await rectifyingTownshipHazard(id);
    const penalty = (decidedAt: string) => ({
      actor: actors.county,
      lawArticle: '《安全生产法》第一百零二条',
      amountYuan: 50000,
      decidedAt,
    });
    await h.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2024-08-01'))] }); // outside 180 days
    await h.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2024-12-01'))] });
    await h.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-02-01'))] });
    expect((await stateOf(h)).closureRecommendedAt).toBeNull(); // 2 within 180 days; 3 within a year — not yet 4
    await h.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-03-01'))] });
    const st = await stateOf(h);
    expect(st.closureRecommendedAt).not.toBeNull();
    const rec = t.recorder.events(id).filter((e) => e.type === 'closure.recommended');
    expect(rec).toHaveLength(1);
    expect(rec[0].payload).toMatchObject({ threshold: { penalties: 3, withinDays: 180 }, enterpriseId: 'ent-913206001234567890' });
    await h.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-03-05'))] });
    expect(t.recorder.events(id).filter((e) => e.type === 'closure.recommended')).toHaveLength(1);
  });
});

describe('从重 and art 113 decided by the facts, not by when they are recorded', () => {
  it('14.6 an accident that happened before the hazard was reported is not 从重 for it, even when linked during rectification', async () => {
    const id = 'M-accident-before-report';
    const h = await rectifyingTownshipHazard(id);
    await h.executeUpdate(linkAccidentUpdate, {
      args: [
        {
          actor: actors.county,
          accidentId: 'ACC-2025-001',
          occurredAt: sh('2025-02-20', '15:00:00'),
          description: '上报前发生的事故，调查中关联',
        },
      ],
    });
    const st = await stateOf(h);
    expect(st.status).toBe('rectifying');
    expect(st.heavierAccountability).toBe(false);
    expect(st.accidents[0].heavier).toBe(false);
    expect(
      t.recorder
        .steps(id)
        .at(-1)!
        .events.map((e) => e.type),
    ).toEqual(['hazard.accident_linked']);
    expect(t.recorder.steps(id).at(-1)!.events[0].payload).toMatchObject({
      heavier: false,
      statusAtAccident: null,
      statusWhenLinked: 'rectifying',
    });
  });

  it("14.7 art 113 counts the enterprise's Safety Law penalties across its hazards: the third within 180 days, on another hazard, recommends closure", async () => {
    const a = await majorHazard('M-art113-a', 'ent-art113');
    const b = await majorHazard('M-art113-b', 'ent-art113');
    const penalty = (decidedAt: string, lawArticle = '《安全生产法》第一百零二条') => ({
      actor: actors.county,
      lawArticle,
      amountYuan: 30000,
      decidedAt,
    });
    await a.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-01-10'))] });
    await a.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-02-10'))] });
    // A penalty under another law does not count.
    await b.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-02-20'), '《江苏省安全生产条例》第四十条')] });
    expect(t.recorder.events('M-art113-b').filter((e) => e.type === 'closure.recommended')).toEqual([]);
    await b.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh('2025-03-01'))] });
    const rec = t.recorder.events('M-art113-b').filter((e) => e.type === 'closure.recommended');
    expect(rec).toHaveLength(1);
    expect(rec[0].payload).toMatchObject({ threshold: { penalties: 3, withinDays: 180 }, enterpriseId: 'ent-art113' });
    expect((rec[0].payload.penalties as string[]).length).toBe(3);
  });

  it("14.7 art 113 windows end at each penalty's own date: a cluster recorded late (补录) still counts", async () => {
    const id = 'M-art113-backfill';
    const h = await majorHazard(id, 'ent-backfill');
    const penalty = (decidedAt: string) => ({
      actor: actors.county,
      lawArticle: '《中华人民共和国安全生产法》第一百零二条',
      amountYuan: 20000,
      decidedAt,
    });
    // Three penalties from early 2024, all more than 180 days before today, recorded now.
    for (const d of ['2024-01-05', '2024-02-05', '2024-03-05']) await h.executeUpdate(recordPenaltyUpdate, { args: [penalty(sh(d))] });
    const rec = t.recorder.events(id).filter((e) => e.type === 'closure.recommended');
    expect(rec).toHaveLength(1);
    expect(rec[0].payload).toMatchObject({ threshold: { penalties: 3, withinDays: 180 }, enterpriseId: 'ent-backfill' });
  });
});

describe('production stop (停产撤人)', () => {
  it('a stop declared in the plan, lifted by the supervisor after checking, then ordered again by the county, is recorded each time', async () => {
    const id = 'M-stop';
    const h = await startHazard(t, id);
    await gradeMajor(h, '坍塌', '第七条');
    await listAt(h, 'township');
    await submitPlan(h, '撤出作业人员，设置警示', { productionStopped: true, stopScope: '2号车间' });
    expect((await stateOf(h)).production).toMatchObject({ stopped: true, scope: '2号车间' });
    await h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.township, action: 'lifted', reason: '临时支护验收合格' }] });
    const again = await h.executeUpdate(recordProductionStopUpdate, {
      args: [{ actor: actors.county, action: 'ordered', scope: '全厂', reason: '检查发现支护失效' }],
    });
    expect(again.status).toBe('plan_submitted');
    const st = await stateOf(h);
    expect(st.production.changes.map((c) => c.action)).toEqual(['ordered', 'lifted', 'ordered']);
    expect(t.recorder.events(id).filter((e) => e.type === 'hazard.production_stop_changed')).toHaveLength(3);
    expect(t.recorder.steps(id).at(-1)!.snapshot.productionStopped).toBe(true);
  });
});
