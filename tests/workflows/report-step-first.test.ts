import { ApplicationFailure } from '@temporalio/common';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { gradeUpdate, hazardLifecycleWorkflow } from '../../workflows/src';
import { hazardInput, maybeSaveHistory, sh } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { generalGradeWithCopy } from '@hazards/testing/workflows/hazard-steps';
import { slowCalendar } from '@hazards/testing/workflows/slow-calendar';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/**
 * The report is always a hazard's step 1 (patch `report-step-first`). A report without a calendar
 * copy counts its grading window by the `shiftWorkingDays` activity before its step; an action
 * sent meanwhile (here a grade carrying its own copy, counted at once) used to take seq 1, so
 * the history read graded, then reported. The crash-after-commit drill found it.
 */
const START = sh('2025-09-25', '10:00:00');
const t = useScenarioEnv(START, 'hazard-report-first', slowCalendar(1500));

/** A hazard's lifecycle started without waiting for its first step (startHazard waits for it). */
const startUnrecorded = (id: string) =>
  t.env.client.workflow.start(hazardLifecycleWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: hazardWorkflowId(id),
    args: [hazardInput(id)],
  });
const grade = () => generalGradeWithCopy(START);

describe('the report is step 1 (report-step-first)', () => {
  it('a grade sent right after the start, before the report was recorded, is recorded after it', async () => {
    const id = 'H-report-first';
    const h = await startUnrecorded(id);
    const graded = await h.executeUpdate(gradeUpdate, { args: [grade()] });
    expect(graded.seq).toBe(2);
    await waitFor(() => t.recorder.count(id) >= 2);
    const steps = t.recorder.steps(id);
    expect(steps.map((s) => [s.seq, s.step])).toEqual([
      [1, 'reported'],
      [2, 'graded'],
    ]);
    // The report's step is the hazard as reported; the grade moves it on from there.
    expect(steps[0]).toMatchObject({ fromStatus: null, toStatus: 'reported' });
    expect(steps[1]).toMatchObject({ fromStatus: 'reported', toStatus: 'rectifying' });
    await maybeSaveHistory(h, 'grade-before-report-step');
  });

  it('the same grade sent twice while the report is recorded grades once: the one that waited second is checked again and refused', async () => {
    const id = 'H-report-first-twice';
    const h = await startUnrecorded(id);
    const both = await Promise.allSettled([1, 2].map(() => h.executeUpdate(gradeUpdate, { args: [grade()] })));
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as Error).cause).toBeInstanceOf(ApplicationFailure);
    await waitFor(() => t.recorder.count(id) >= 2);
    expect(t.recorder.steps(id).map((s) => s.step)).toEqual(['reported', 'graded']);
  });
});
