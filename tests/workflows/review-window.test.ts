import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import { decideExtensionUpdate, requestExtensionUpdate, reviewUpdate } from '../../workflows/src';
import { completedBySelf, gradeMajor, listAt, planApproved, publishedJustNow } from '@hazards/testing/workflows/hazard-steps';
import { actors, expectNear, refusalOf, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Monday 2025-06-09 09:00 Shanghai.
const t = useScenarioEnv(sh('2025-06-09', '09:00:00'));

async function submittedCountyHazard(id: string, policy = DEFAULT_POLICY) {
  const h = await startHazard(t, id, { policy });
  await gradeMajor(h, '中毒和窒息', '第十条第(一)项');
  await listAt(h, 'county', await publishedJustNow(t));
  await planApproved(h, '有限空间作业审批，专人监护', actors.county);
  await completedBySelf(h, '合格');
  return h;
}

describe('review window (复核时限, order 16 art 23: 10日内)', () => {
  it('a township reviewer who misses the 10-day window is escalated to the county, which may then give the township review itself (一岗双责)', async () => {
    const id = 'M-review-late';
    const h = await submittedCountyHazard(id);
    const submittedAt = (await stateOf(h)).completions[0].submittedAt;
    const due = new Date(Date.parse(submittedAt) + 10 * 24 * 3600_000).toISOString();
    expectNear((await stateOf(h)).currentDeadline, due);

    await t.advanceTo(new Date(Date.parse(due) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'review_window_missed'));
    const st = await stateOf(h);
    expect(st.escalations).toEqual([
      expect.objectContaining({
        kind: 'review_window_missed',
        escalatedTo: 'county',
        detail: expect.objectContaining({ level: 'township' }),
      }),
    ]);
    expect(st.review).toMatchObject({ index: 0, escalatedTo: 'county' });
    // Reminder 2 working days before the review was due, then the escalation.
    expect(
      t.recorder
        .steps(id)
        .slice(-2)
        .map((s) => s.step),
    ).toEqual(['reminder', 'escalation']);
    expect(t.recorder.events(id).at(-1)).toMatchObject({
      type: 'escalation.raised',
      payload: { kind: 'review_window_missed', escalatedTo: 'county' },
    });

    // Another county still may not; the hazard's own county takes the township review over.
    const refused = await refusalOf(() => h.executeUpdate(reviewUpdate, { args: [{ actor: actors.otherCounty, result: 'pass' }] }));
    expect(refused.code).toBe('REVIEWER_NOT_ALLOWED');
    const passed = await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.county, level: 'township', result: 'pass' }] });
    expect(passed.status).toBe('submitted');
    expect((await stateOf(h)).review).toMatchObject({ index: 1, escalatedTo: null });
  });

  it('where a region counts the review window in working days, the window skips the weekend', async () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY,
      version: 'working-day-review-v1',
      review: { ...DEFAULT_POLICY.review, window: { days: 10, unit: 'working' } },
    });
    const h = await submittedCountyHazard('M-review-working', policy);
    const st = await stateOf(h);
    const submitted = Date.parse(st.completions[0].submittedAt);
    // 10 working days is two full weeks when there is no holiday in between: 14 calendar days.
    expect(Date.parse(st.currentDeadline!) - submitted).toBeGreaterThanOrEqual(14 * 24 * 3600_000);
  });
});

describe('extension decisions (延期审批)', () => {
  it('an extension request left unanswered for 10 working days is escalated to the level above; a refusal keeps the deadline', async () => {
    const id = 'M-ext-unanswered';
    const h = await startHazard(t, id);
    await gradeMajor(h, '起重伤害', '第九条');
    const listed = await listAt(h, 'county', await publishedJustNow(t));
    await h.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: actors.enterprise, workingDays: 30, reason: '起重设备改造需特种设备检验机构排期' }],
    });
    const due = (await stateOf(h)).deadlines.extensionDecisionDue!;
    await t.advanceTo(new Date(Date.parse(due) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'extension_decision_overdue'));
    expect((await stateOf(h)).escalations.at(-1)).toMatchObject({ kind: 'extension_decision_overdue', escalatedTo: 'city' });
    const refused = await h.executeUpdate(decideExtensionUpdate, {
      args: [{ actor: actors.county, decision: 'refuse', reason: '理由不充分' }],
    });
    expect(refused.rectificationDeadline).toBe(listed.rectificationDeadline);
    expect(t.recorder.steps(id).at(-1)).toMatchObject({ step: 'extension.refused', reason: '理由不充分' });
  });
});
