import { type Client, type WorkflowHandle } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { issueAndRecordStep as issuingRecorder } from '@hazards/documents/issue-and-record-step';
import { executeUpdate } from '@hazards/temporal/execute-update';
import type { HazardActivities, ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';
import { waitFor } from '@hazards/testing/polling';
import { createDocumentDesk } from '@hazards/testing/workflows/document-desk';
import { hazardInput, isQueryRace, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { generalGradeWithCopy } from '@hazards/testing/workflows/hazard-steps';
import { quietBundle } from '@hazards/testing/workflows/scenario-env';
import { closeDevServerClients, connectToDevServer, type DevServerClients } from '@hazards/testing/workflows/dev-server-clients';
import { createStepRecorder } from '@hazards/testing/workflows/step-recorder';
import { scaledShift } from '@hazards/testing/workers/scaled-calendar-worker';
import * as wf from '../../workflows/src';

/**
 * Queries and the replay defect (README; workflows/src/query-race.interceptors.ts). A query that
 * reaches a hazard no worker holds is answered from its history; when an activity's result landed
 * after the last workflow task, the SDK's core used to let the workflow run on with that task's
 * clock, and the commands it made went out with the next task. The report's step was then written
 * with the first task's instant, while its history (and so every replay) gives the second's: the
 * failure replay-under-load met in CI.
 *
 * Each pass builds that race on the dev server: the hazard's first task asks the calendar activity
 * (held shut), its worker stops, a query waits for a worker, the activity's result lands, and a fresh
 * worker takes the query and the new task, in either order (about one pass in three races). Every
 * pass's report step must carry the start of the task that wrote it, and its history must replay;
 * the passes go on until one raced, whose query the guard refused and a second ask answered. With a
 * grade delivered in the same task as the result, the history without the guard did not replay at
 * all ("Non-deprecated patch marker encountered for change search-attributes"): the hazard would
 * have stopped at its next eviction.
 */
const TRIES = 40;
const T = temporal.api.enums.v1.EventType;

const run = `${process.pid}-${Date.now()}`;
const recorder = createStepRecorder();
const documents = createDocumentDesk();
let gate: Promise<void> = Promise.resolve();
let open: () => void = () => undefined;
const activities: HazardActivities & Record<string, unknown> = {
  recordStep: (input) => recorder.recordStep(input),
  async shiftWorkingDays(input: ShiftWorkingDaysInput) {
    await gate;
    return scaledShift(input, 700, Date.now() - 24 * 3600_000);
  },
  enterprisePenalties: recorder.enterprisePenalties,
  issueDocument: documents.issueDocument,
  publishNotice: documents.publishNotice,
  issueAndRecordStep: (input: Parameters<ReturnType<typeof issuingRecorder>>[0]) =>
    issuingRecorder(documents.issueDocument, (step) => recorder.recordStep(step))(input),
};

let client: Client;
let nativeConnection: NativeConnection;
let server: DevServerClients | undefined;
beforeAll(async () => {
  ({ client, nativeConnection } = server = await connectToDevServer());
});
afterAll(async () => {
  await closeDevServerClients(server);
});

/** A workflow worker; with no cache it keeps no sticky queue, so the query waits on the normal one. */
const workflowWorker = async (taskQueue: string, maxCachedWorkflows: number) =>
  Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: await quietBundle(), maxCachedWorkflows });

const hasEvent = async (h: WorkflowHandle, type: temporal.api.enums.v1.EventType) =>
  ((await h.fetchHistory()).events ?? []).some((e) => e.eventType === type);

/** The start of the workflow task that scheduled the hazard's first step write (the report's). */
function reportTaskStart(history: temporal.api.history.v1.IHistory): string {
  const events = history.events ?? [];
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const write = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep')!;
  const completed = byId.get(Number(write.activityTaskScheduledEventAttributes!.workflowTaskCompletedEventId))!;
  const started = byId.get(Number(completed.workflowTaskCompletedEventAttributes!.startedEventId))!;
  return tsToDate(started.eventTime!).toISOString();
}

interface Pass {
  raced: boolean;
  written: string;
  taskStart: string;
  answered: string;
  /** Worker.runReplayHistory's error on the hazard's history, if any. */
  replay: string | undefined;
}

/** One try at the race; with `grade`, the township's grade arrives in the same task as the calendar's result. */
async function onePass(k: number, grade: boolean): Promise<Pass> {
  const taskQueue = `query-race-${run}-${grade ? 'graded' : 'plain'}-${k}`;
  const id = taskQueue;
  gate = new Promise((r) => (open = r));
  const activityWorker = await Worker.create({ connection: nativeConnection, taskQueue, activities });
  const serving = activityWorker.run();
  try {
    const h = await client.workflow.start(wf.hazardLifecycleWorkflow, {
      taskQueue,
      workflowId: wf.hazardWorkflowId(id),
      args: [hazardInput(id)],
    });
    // The first task asks the calendar (no copy came with the report); then its worker stops.
    const first = await workflowWorker(taskQueue, 0);
    await first.runUntil(waitFor(() => hasEvent(h, T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)));
    const asked = h.query(wf.getStateQuery).then(
      () => false,
      (e: unknown) => {
        if (isQueryRace(e)) return true;
        throw e;
      },
    );
    await new Promise((r) => setTimeout(r, 500)); // the query waits for a worker
    open();
    await waitFor(() => hasEvent(h, T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED));
    // Sent while the result's task waits for a worker, the grade is delivered with it.
    // Sent as the API sends it: an update the worker drops unprocessed with the query's task is sent again.
    const graded = grade ? executeUpdate(h, wf.gradeUpdate, { args: [generalGradeWithCopy(new Date().toISOString())] }) : null;
    graded?.catch(() => undefined); // awaited below, once the fresh worker runs
    // Left a moment, the new task is no longer offered ahead of the waiting query as often (1 pass in 3 races, 1 in 5 without).
    await new Promise((r) => setTimeout(r, 1000));
    const fresh = await workflowWorker(taskQueue, 10);
    const { raced, answered } = await fresh.runUntil(async () => {
      const raced = await asked;
      // The grade is applied, never lost: the server's "wasn't processed by worker" is answered by sending it again.
      await graded;
      await waitFor(() => recorder.count(id) >= (grade ? 2 : 1));
      // Asked again (as stateOf does after a refusal), the hazard answers with the step as written.
      const answered = (await stateOf(h)).timeline[0].at;
      return { raced, answered };
    });
    await h.terminate('test done').catch(() => undefined);
    // A worker that evicted the hazard would replay this history: it must replay as it was written.
    const history = await h.fetchHistory();
    const replay = await Worker.runReplayHistory({ workflowBundle: await quietBundle() }, history, h.workflowId).then(
      () => undefined,
      (e: Error) => e.message,
    );
    return { raced, written: recorder.steps(id)[0].at, taskStart: reportTaskStart(history), answered, replay };
  } finally {
    open();
    activityWorker.shutdown();
    await serving;
  }
}

/** Passes until one raced: every pass's report step carries its task's start, and its history replays. */
async function untilRaced(grade: boolean): Promise<Pass[]> {
  const passes: Pass[] = [];
  while (passes.length < TRIES && !passes.some((p) => p.raced)) {
    const p = await onePass(passes.length, grade);
    passes.push(p);
    // Written, replayed and answered alike: the start of the workflow task that wrote the step.
    expect({ pass: passes.length, written: p.written, answered: p.answered, replay: p.replay }).toEqual({
      pass: passes.length,
      written: p.taskStart,
      answered: p.taskStart,
      replay: undefined,
    });
  }
  return passes;
}

describe('queries and the replay defect', () => {
  it('a query racing an activity result on an uncached hazard is refused, and the report step keeps the instant its history gives', async () => {
    const passes = await untilRaced(false);
    // The race was built once (at one in three a pass, 40 passes all miss it about once in 10⁷ runs), else this test proved nothing.
    expect(passes.filter((p) => p.raced).length).toBe(1);
  }, 240_000);

  it('a grade delivered with the raced result leaves a history that replays (it used to stop the hazard: an update ordered after the result)', async () => {
    const passes = await untilRaced(true);
    expect(passes.filter((p) => p.raced).length).toBe(1);
  }, 240_000);
});
