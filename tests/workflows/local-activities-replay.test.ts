import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { shiftWorkingDaysActivity } from '../../libs/domain/src/calendar/shift-working-days';
import type { RecordStepInput } from '../../libs/temporal/src/hazard-activities';
import { gradeUpdate, hazardLifecycleWorkflow } from '../../workflows/src';
import { hazardWorkflowId } from '../../libs/domain/src/hazard/hazard-workflow-id';
import { DEFAULT_POLICY } from '../../libs/domain/src/policy/default-policy';
import { actors, ENTERPRISE, PATH } from '../../testing/src/workflows/hazard-fixtures';
import { quietBundle } from '../../testing/src/workflows/scenario-env';
import { createStepRecorder } from '../../testing/src/workflows/step-recorder';

/**
 * Since the local-activities patch a lifecycle's steps and calendar counts run as local
 * activities. A local activity's marker is recorded when it finishes, and a replay resolves the
 * markers in that order; two in flight at once (the report's step, and the calendar count of a
 * grading that came in the same workflow task) can finish in the other order than they were asked,
 * and the replay then takes another path (an extra timer): a nondeterminism error the next time
 * the hazard is evicted from the worker's cache. Under load the report's write is the slow one;
 * here it is made slow on purpose.
 */
describe('local activities under load', () => {
  it('a hazard graded while its report is still being written replays from its history', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      /* already installed in this test file */
    }
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const client = new Client({ connection });
    const nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const taskQueue = `la-replay-${process.pid}-${Date.now()}`;
    const recorder = createStepRecorder();
    const slowReport = async (input: RecordStepInput) => {
      if (input.step === 'reported') await new Promise((r) => setTimeout(r, 1500));
      return recorder.recordStep(input);
    };
    const hazardId = `la-replay-${Date.now()}`;
    try {
      const handle = await client.workflow.start(hazardLifecycleWorkflow, {
        workflowId: hazardWorkflowId(hazardId), taskQueue,
        args: [{ hazardId, enterpriseId: ENTERPRISE, jurisdictionPath: PATH, source: '网格巡查', description: '储罐区可燃气体报警器失效', reportedBy: actors.grid, policy: DEFAULT_POLICY }],
      });
      // The grading is asked before any worker polls, so the first workflow task carries both.
      const graded = handle.executeUpdate(gradeUpdate, { args: [{ actor: actors.township, grade: 'general', accidentType: '火灾', industry: '制造业', generalMode: 'short' }] });
      await new Promise((r) => setTimeout(r, 1000));
      const worker = await Worker.create({
        connection: nativeConnection, taskQueue, workflowBundle: await quietBundle(),
        activities: { recordStep: slowReport, shiftWorkingDays: shiftWorkingDaysActivity, enterprisePenalties: recorder.enterprisePenalties },
      });
      await worker.runUntil(async () => {
        expect((await graded).status).toBe('rectifying');
        // The update answers once its own step is written, and the report's step was written before it.
        expect(recorder.steps(hazardId).map((s) => s.step)).toEqual(['reported', 'graded']);
      });
      const history = await handle.fetchHistory();
      await expect(Worker.runReplayHistory({ workflowBundle: await quietBundle() }, history, handle.workflowId)).resolves.toBeUndefined();
      await handle.terminate('test done');
    } finally {
      await nativeConnection.close();
      await connection.close();
    }
  });
});
