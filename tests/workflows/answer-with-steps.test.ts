import { Client } from '@temporalio/client';
import { gradeUpdate, withdrawUpdate } from '../../workflows/src';
import { actors, maybeSaveHistory, sh, startHazard } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { generalGradeWithCopy } from '@hazards/testing/workflows/hazard-steps';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/**
 * A user action answers in the workflow task that accepts it (issue 17.1, patch `answer-with-steps`):
 * the workflow schedules its step's write and answers with the step; the caller (the API, here the
 * scenario env's client interceptor) writes it before the user hears of it, and the activity writes
 * it too (idempotent on hazard and seq). Before, the answer waited for the activity and another task.
 */

const START = sh('2025-09-25', '10:00:00');
const t = useScenarioEnv(START);

type HistoryEvent = Record<string, any> & { eventId?: unknown };
const idOf = (e: HistoryEvent) => Number(e.eventId);

describe('an action answers in the workflow task that accepts it (answer-with-steps)', () => {
  it('grading answers with its step before the step activity completes, with no workflow task between acceptance and answer', async () => {
    const h = await startHazard(t, 'H-answer-grade');
    const graded = await h.executeUpdate(gradeUpdate, { args: [generalGradeWithCopy(START)] });

    expect(graded.steps).toEqual([
      expect.objectContaining({ hazardId: 'H-answer-grade', seq: graded.seq, step: 'graded', toStatus: 'rectifying' }),
    ]);
    // The caller wrote the step it was answered with: the read model is not behind the answer.
    expect(t.recorder.steps('H-answer-grade').at(-1)).toMatchObject({ seq: graded.seq, step: 'graded' });

    // The history once the graded step's activity (the second recordStep) has completed too.
    const history = async () => ((await h.fetchHistory()).events ?? []) as HistoryEvent[];
    const writeOf = (events: HistoryEvent[]) => {
      const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep')[1];
      const done = events.find(
        (e) => scheduled && String(e.activityTaskCompletedEventAttributes?.scheduledEventId) === String(scheduled.eventId),
      );
      return { scheduled, done };
    };
    await waitFor(async () => Boolean(writeOf(await history()).done));
    const events = await history();
    const accepted = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'grade')!;
    const completed = events.find((e) => e.workflowExecutionUpdateCompletedEventAttributes)!;
    const between = events.filter((e) => idOf(e) > idOf(accepted) && idOf(e) < idOf(completed));
    expect(between.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(0);
    // Scheduled by the task that answered; completed only after the answer.
    const write = writeOf(events);
    expect(idOf(write.scheduled)).toBeLessThan(idOf(completed));
    expect(idOf(write.done!)).toBeGreaterThan(idOf(completed));
    await maybeSaveHistory(h, 'general-graded-answered');
  });

  it('a closing action answered early still has its step written by the activity before the lifecycle completes', async () => {
    const h = await startHazard(t, 'H-answer-withdraw');
    // A caller that ignores the steps it is answered with: only the workflow's activity writes them.
    const raw = new Client({ connection: t.env.connection }).workflow.getHandle(h.workflowId);
    const answer = await raw.executeUpdate(withdrawUpdate, {
      args: [{ actor: actors.township, kind: 'false', reason: '核查为误报 / a false report' }],
    });
    expect(answer.status).toBe('withdrawn');
    const done = await h.result();
    expect(done.status).toBe('withdrawn');
    // The workflow waited for the write it had not awaited before completing: the step is in the read model.
    expect(t.recorder.steps('H-answer-withdraw').map((s) => s.step)).toEqual(['reported', 'withdrawn']);
  });
});
