import { issueAndRecordStep } from '@hazards/documents/issue-and-record-step';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { shiftWorkingDaysActivity } from '@hazards/domain/calendar/shift-working-days';
import type { HazardActivities } from '@hazards/temporal/hazard-activities';
import { registerSearchAttributes, serverStartingAt, testServerPath } from '@hazards/simulation/time-skipping-server';
import { quietWorkflowBundle } from '@hazards/temporal/quiet-workflow-bundle';
import { createDocumentDesk, type DocumentDesk } from './document-desk';
import { writeAnsweredSteps } from './answered-steps';
import { envCalls } from './env-calls';
import { createStepRecorder, type StepRecorder } from './step-recorder';

export const TEST_SERVER = testServerPath();
export const WORKFLOWS_PATH = require.resolve('../../../workflows/src');
/**
 * The time-skipping test server starts at the machine's clock and only moves forward, but our
 * scenarios need dates the holiday data covers (e.g. the 2025 国庆 week): libfaketime starts its
 * clock at a chosen instant (serverStartingAt, shared with the policy simulation).
 */
export { registerSearchAttributes };
/** The workflow code, bundled once per process without webpack's report in the test output. */
export const quietBundle = () => quietWorkflowBundle(WORKFLOWS_PATH);

export interface ScenarioEnv {
  env: TestWorkflowEnvironment;
  worker: Worker;
  recorder: StepRecorder;
  /** The document activities' stand-in: what was issued and published (issue 18). */
  documents: DocumentDesk;
  taskQueue: string;
  /** Workflow time now (the server's clock), ms. */
  now(): Promise<number>;
  /** Skips time forward to an instant. */
  advanceTo(instant: string | Date): Promise<void>;
  /** Refuses further client calls and ends those still out, while the server runs (teardown does it first). */
  closeCalls(): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * A time-skipping server whose clock starts at `startAt`, with a worker using the real calendar
 * activity (or the `shiftWorkingDays` given: a calendar the test changes while hazards are in flight).
 */
export async function startScenarioEnv(
  startAt: string,
  taskQueue = 'hazard-test',
  calendar?: Pick<HazardActivities, 'shiftWorkingDays'>,
): Promise<ScenarioEnv> {
  // Warnings and errors only: the worker's state changes would drown the test report.
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed in this test file */
  }
  const recorder = createStepRecorder();
  const calls = envCalls();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverStartingAt(startAt, TEST_SERVER) } },
    client: { interceptors: { workflow: [calls.interceptor, writeAnsweredSteps(recorder.recordAll)] } },
  });
  calls.bind(env.connection);
  await registerSearchAttributes(env);
  const documents = createDocumentDesk();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await quietBundle(),
    activities: {
      recordStep: recorder.recordStep,
      shiftWorkingDays: calendar?.shiftWorkingDays ?? shiftWorkingDaysActivity,
      enterprisePenalties: recorder.enterprisePenalties,
      issueDocument: documents.issueDocument,
      publishNotice: documents.publishNotice,
      issueAndRecordStep: issueAndRecordStep(documents.issueDocument, recorder.recordStep),
    },
  });
  const running = worker.run();
  const now = () => calls.track('now', () => env.currentTimeMs());
  return {
    env,
    worker,
    recorder,
    documents,
    taskQueue,
    now,
    async advanceTo(instant) {
      const target = new Date(instant).getTime();
      const current = await now();
      if (target < current)
        throw new Error(`cannot go back in time to ${new Date(target).toISOString()} (now ${new Date(current).toISOString()})`);
      if (target > current) await calls.track('advanceTo', () => env.sleep(target - current));
    },
    closeCalls: () => calls.close(),
    async teardown() {
      // The calls still out end before the worker and the server go: none is left to retry on a closed channel.
      await calls.close();
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
