import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import { gradeUpdate, reviewUpdate, submitCompletionUpdate } from '../../workflows/src';
import {
  actors,
  billableActions,
  waitForCompletion,
  expectNear,
  maybeSaveHistory,
  sh,
  startHazard,
  stateOf,
} from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Monday 2025-03-03, 09:00 in Shanghai: an ordinary working week.
const t = useScenarioEnv(sh('2025-03-03', '09:00:00'));

describe('general hazard (一般隐患)', () => {
  it('a grid inspector reports, the township grades it general, the enterprise fixes it the same day and the supervisor verifies: closed on time', async () => {
    const h = await startHazard(t, 'G-1');
    const graded = await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.township, grade: 'general', accidentType: '火灾', industry: '制造业', generalMode: 'immediate' }],
    });
    expect(graded.status).toBe('rectifying');
    // 立即整改: due the next working day at the same time.
    expectNear(graded.rectificationDeadline, sh('2025-03-04', '09:00:00'));

    await t.advanceTo(sh('2025-03-03', '16:00:00'));
    const submitted = await h.executeUpdate(submitCompletionUpdate, {
      args: [{ actor: actors.enterprise, evidenceFileIds: ['file-after-1'], summary: '已更换报警探头' }],
    });
    expect(submitted.status).toBe('submitted');
    // Order 16 art 23: reviewed within 10 (calendar) days of the application.
    expectNear(submitted.currentDeadline, sh('2025-03-13', '16:00:00'));

    await t.advanceTo(sh('2025-03-04', '10:00:00'));
    const closed = await h.executeUpdate(reviewUpdate, {
      args: [{ actor: actors.township, result: 'pass', onSiteAt: sh('2025-03-04', '09:30:00') }],
    });
    expect(closed.status).toBe('closed');
    await waitForCompletion(h);

    const steps = t.recorder.steps('G-1');
    expect(steps.map((s) => [s.seq, s.step, s.fromStatus, s.toStatus])).toEqual([
      [1, 'reported', null, 'reported'],
      [2, 'graded', 'reported', 'rectifying'],
      [3, 'completion.submitted', 'rectifying', 'submitted'],
      [4, 'closed', 'submitted', 'closed'],
    ]);
    expect(steps.every((s) => s.policyVersion === DEFAULT_POLICY.version)).toBe(true);
    expect(steps[3].snapshot).toMatchObject({ status: 'closed', escalationStage: 0, grade: 'general' });
    expectNear(steps[3].snapshot.closedAt, sh('2025-03-04', '10:00:00'));
    expect(t.recorder.events('G-1').map((e) => e.type)).toEqual([
      'hazard.reported',
      'hazard.graded',
      'hazard.completion_submitted',
      'hazard.reviewed',
      'hazard.closed',
    ]);
    expect(t.recorder.events('G-1')[4].payload).toMatchObject({ delisted: false });

    // Cost: a closed general hazard stays well within 25 billable actions.
    expect(await billableActions(h)).toBeLessThanOrEqual(25);
    await maybeSaveHistory(h, 'general-closed-on-time');
  });

  it('starting the same hazard twice never makes a second lifecycle', async () => {
    await startHazard(t, 'G-dup');
    await expect(startHazard(t, 'G-dup')).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
  });

  it('where policy lets the enterprise safety director verify, the 安全总监 signs the general hazard off', async () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY,
      version: 'director-verifies-v1',
      review: { ...DEFAULT_POLICY.review, general: { verifierRoles: ['supervisor'], safetyDirectorMayVerify: true } },
    });
    const h = await startHazard(t, 'G-director', { policy, source: '企业自查', reportedBy: actors.enterprise });
    await h.executeUpdate(gradeUpdate, { args: [{ actor: actors.township, grade: 'general', accidentType: '触电', industry: '制造业' }] });
    await h.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f1'] }] });
    const closed = await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.safetyDirector, level: 'verification', result: 'pass' }] });
    expect(closed.status).toBe('closed');
    expect(t.recorder.steps('G-director').at(-1)).toMatchObject({
      step: 'closed',
      policyVersion: 'director-verifies-v1',
      actor: { userId: 'u-director' },
    });
  });

  it('a general hazard left unfixed gets a supervision letter the working day after its deadline, then an interview', async () => {
    await t.advanceTo(sh('2025-03-05', '11:00:00'));
    const h = await startHazard(t, 'G-late');
    const graded = await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.township, grade: 'general', accidentType: '机械伤害', industry: '制造业', generalMode: 'short' }],
    });
    // Short deadline: 5 working days, Wed 5th → Wed 12th; letter on Thu 13th, interview on Wed 19th.
    expectNear(graded.rectificationDeadline, sh('2025-03-12', '11:00:00'));
    await t.advanceTo(sh('2025-03-18', '12:00:00'));
    await waitFor(async () => (await stateOf(h)).escalationStage === 1);
    await t.advanceTo(sh('2025-03-19', '12:00:00'));
    await waitFor(async () => (await stateOf(h)).escalationStage === 2);
    const st = await stateOf(h);
    expect(st.escalations.map((e) => e.action)).toEqual(['supervision_letter', 'interview']);
    expectNear(st.escalations[0].at, sh('2025-03-13', '11:00:00'));
    expectNear(st.escalations[1].at, sh('2025-03-19', '11:00:00'));
    const kinds = t.recorder.steps('G-late').map((s) => s.step);
    expect(kinds).toEqual(['reported', 'graded', 'reminder', 'escalation', 'escalation']);
  });
});
