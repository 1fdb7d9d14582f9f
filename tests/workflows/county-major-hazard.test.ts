import {
  decideExtensionUpdate,
  decidePlanUpdate,
  publishNoticeUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitCompletionUpdate,
} from '../../workflows/src';
import {
  actors,
  billableActions,
  expectNear,
  maybeSaveHistory,
  sh,
  startHazard,
  stateOf,
  waitForCompletion,
} from '@hazards/testing/workflows/hazard-fixtures';
import { gradeMajor, listAt, submitPlan } from '@hazards/testing/workflows/hazard-steps';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Monday 2025-04-07 09:00 Shanghai, the first working day after 清明.
const t = useScenarioEnv(sh('2025-04-07', '09:00:00'));

const steps = (id: string) => t.recorder.steps(id).map((s) => s.step);

describe('county-listed major hazard (县级挂牌督办重大隐患)', () => {
  it('goes through plan, extension, reminders, completion, a two-level review with one rejection, and sign-off with delisting', async () => {
    const id = 'M-county';
    const h = await startHazard(t, id, { source: '监督检查', reportedBy: actors.county });
    await gradeMajor(h, '其他爆炸', '第十项', {
      industry: '危险化学品',
      standard: '化工和危险化学品生产经营单位重大生产安全事故隐患判定标准(试行)',
    });
    const listed = await listAt(h, 'county', { publishedAt: sh('2025-04-07', '08:30:00'), orderNumber: '通安督〔2025〕7号' });
    // Plan due in 10 working days, rectification in 90 (county), across the 劳动节 and 端午 holidays.
    expectNear(listed.currentDeadline, sh('2025-04-21', '09:00:00'));
    expectNear(listed.rectificationDeadline, sh('2025-08-14', '09:00:00'));

    // Plan reminder 3 working days before the plan is due.
    await t.advanceTo(sh('2025-04-16', '10:00:00'));
    await waitFor(() => steps(id).includes('reminder'));
    expect(t.recorder.events(id).find((e) => e.type === 'reminder.due')?.payload).toMatchObject({ deadline: 'plan', daysBefore: 3 });

    await submitPlan(h, '罐区限量储存，增设便携式检测仪');
    await t.advanceTo(sh('2025-04-17', '10:00:00'));
    const approved = await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    expect(approved.status).toBe('rectifying');

    // Extension, asked more than 20 working days ahead; approved for 20 working days.
    await t.advanceTo(sh('2025-07-01', '10:00:00'));
    const asked = await h.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: actors.enterprise, workingDays: 20, reason: '联锁改造需DCS厂家到场，设备交货延迟' }],
    });
    expect(asked.status).toBe('rectifying');
    expectNear((await stateOf(h)).deadlines.extensionDecisionDue, sh('2025-07-15', '10:00:00'));
    await t.advanceTo(sh('2025-07-03', '10:00:00'));
    const extended = await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    // The deadline moves 20 working days, and every timer with it.
    expectNear(extended.rectificationDeadline, sh('2025-09-11', '09:00:00'));

    // The old 10-day reminder (Jul 31) no longer fires; the new one (Aug 28) does.
    await t.advanceTo(sh('2025-08-01', '10:00:00'));
    expect(steps(id).filter((s) => s === 'reminder')).toHaveLength(1);
    await t.advanceTo(sh('2025-08-28', '10:00:00'));
    await waitFor(() => steps(id).filter((s) => s === 'reminder').length === 2);
    const reminder = t.recorder.events(id).filter((e) => e.type === 'reminder.due')[1].payload;
    expect(reminder).toMatchObject({ deadline: 'rectification', daysBefore: 10 });
    expectNear(reminder.dueAt as string, sh('2025-09-11', '09:00:00'));

    // Completion with a third-party assessment; review township → county.
    await t.advanceTo(sh('2025-08-29', '10:00:00'));
    const sub = await h.executeUpdate(submitCompletionUpdate, {
      args: [
        {
          actor: actors.enterprise,
          evidenceFileIds: ['f-report', 'f-photos'],
          assessment: { by: 'third_party', assessorName: '江苏某安全评价有限公司', conclusion: '隐患已消除' },
        },
      ],
    });
    expect(sub.status).toBe('submitted');
    expect((await stateOf(h)).review).toMatchObject({ levels: ['township', 'county'], index: 0 });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, level: 'township', result: 'pass' }] });
    const rejected = await h.executeUpdate(reviewUpdate, {
      args: [{ actor: actors.county, level: 'county', result: 'reject', reason: '缺少联锁测试记录' }],
    });
    expect(rejected.status).toBe('rectifying');

    // Rework, then both levels again; sign-off (销号) and delisting (摘牌).
    await t.advanceTo(sh('2025-09-03', '10:00:00'));
    await h.executeUpdate(submitCompletionUpdate, {
      args: [
        {
          actor: actors.enterprise,
          evidenceFileIds: ['f-interlock-test'],
          assessment: { by: 'third_party', assessorName: '江苏某安全评价有限公司', conclusion: '联锁测试合格' },
        },
      ],
    });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] });
    await t.advanceTo(sh('2025-09-08', '10:00:00'));
    const closed = await h.executeUpdate(reviewUpdate, {
      args: [{ actor: actors.county, result: 'pass', onSiteAt: sh('2025-09-08', '09:00:00') }],
    });
    expect(closed.status).toBe('closed');
    // The delisting notice (摘牌公告) is issued with the sign-off; the lifecycle ends once it is published.
    const delisting = (await stateOf(h)).notices.find((n) => n.kind === 'delisting_notice')!;
    expect(delisting).toMatchObject({ level: 'county', publishedAt: null });
    expect((await h.describe()).status.name).toBe('RUNNING');
    await h.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.county, documentId: delisting.documentId }] });
    await waitForCompletion(h);
    expect(t.documents.published.get(delisting.documentId)).toBeDefined();

    expect(steps(id)).toEqual([
      'reported',
      'graded',
      'listed',
      'reminder',
      'plan.submitted',
      'plan.approved',
      'extension.requested',
      'extension.approved',
      'reminder',
      'completion.submitted',
      'review.passed',
      'review.rejected',
      'completion.submitted',
      'review.passed',
      'closed',
      'notice.published',
    ]);
    const last = t.recorder.steps(id).find((s) => s.step === 'closed')!;
    expect(last.snapshot).toMatchObject({
      status: 'closed',
      listingLevel: 'county',
      extensionCount: 1,
      rejectionCount: 1,
      escalationStage: 0,
    });
    expect(last.events.map((e) => e.type)).toEqual(['hazard.reviewed', 'hazard.closed']);
    expect(last.events[1].payload).toMatchObject({ delisted: true, listingLevel: 'county', publishWithinWorkingDays: 5 });
    expect(t.recorder.steps(id).find((s) => s.step === 'review.rejected')?.reason).toBe('缺少联锁测试记录');
    expect(t.recorder.steps(id).map((s) => s.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    // 60 before issue 18, plus the listing and delisting notices issued (two activities) and the publication (one update),
    // plus one: the timer loop re-arms its wait once more when an update lands in a workflow task of its own (timing).
    expect(await billableActions(h)).toBeLessThanOrEqual(64);
    await maybeSaveHistory(h, 'county-major-closed');
  });
});
