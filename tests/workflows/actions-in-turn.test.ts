import { ApplicationFailure } from '@temporalio/common';
import { gradeUpdate, reviewUpdate, type ReviewInput } from '../../workflows/src';
import { actors, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { completedBySelf, generalGradeWithCopy } from '@hazards/testing/workflows/hazard-steps';
import { slowCalendar } from '@hazards/testing/workflows/slow-calendar';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/**
 * One action at a time (patch `actions-in-turn`). A completion sent without a calendar copy counts
 * its review window by the `shiftWorkingDays` activity after it has set the hazard `submitted`; a
 * review sent meanwhile used to sign the hazard off first, so the record read: 3 closed, then
 * 4 completion.submitted (rectifying → closed). Found by a deterministic try on the path where the
 * replay test under load diverged (stop 34).
 */
const START = sh('2025-09-25', '10:00:00');
const t = useScenarioEnv(START, 'hazard-actions-in-turn', slowCalendar(1500));

/** A general hazard graded (its copy counts at once) and its completion sent without a copy: counted by the slow activity. */
async function submittedWhileCounting(id: string) {
  const h = await startHazard(t, id);
  await h.executeUpdate(gradeUpdate, { args: [generalGradeWithCopy(START)] });
  const submitting = completedBySelf(h, '已整改，自评合格');
  // Accepted and `submitted` at once; its window is still being counted.
  await waitFor(async () => (await stateOf(h)).status === 'submitted');
  return { h, submitting };
}

// The township verifies a general hazard (核查), which signs it off.
const pass: ReviewInput = { actor: actors.township, result: 'pass' };
const RECORD = [
  [1, 'reported', null, 'reported'],
  [2, 'graded', 'reported', 'rectifying'],
  [3, 'completion.submitted', 'rectifying', 'submitted'],
  [4, 'closed', 'submitted', 'closed'],
];
const record = (id: string) => t.recorder.steps(id).map((s) => [s.seq, s.step, s.fromStatus, s.toStatus]);

describe('one action at a time (actions-in-turn)', () => {
  it('a review sent while the completion it reviews is still counting its window waits for it, and signs off after it', async () => {
    const id = 'H-in-turn';
    const { h, submitting } = await submittedWhileCounting(id);
    const reviewed = await h.executeUpdate(reviewUpdate, { args: [pass] });
    expect((await submitting).seq).toBe(3);
    expect(reviewed).toMatchObject({ seq: 4, status: 'closed' });
    await waitFor(() => t.recorder.count(id) >= 4);
    expect(record(id)).toEqual(RECORD);
  });

  it('the same review sent twice meanwhile signs off once: the one that waited second is checked again and refused', async () => {
    const id = 'H-in-turn-twice';
    const { h, submitting } = await submittedWhileCounting(id);
    const both = await Promise.allSettled([1, 2].map(() => h.executeUpdate(reviewUpdate, { args: [pass] })));
    await submitting;
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as Error).cause).toBeInstanceOf(ApplicationFailure);
    await waitFor(() => t.recorder.count(id) >= 4);
    expect(record(id)).toEqual(RECORD);
  });
});
