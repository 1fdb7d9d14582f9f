import { existsSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { shiftWorkingDaysActivity } from '../../../libs/domain/src/calendar/shift-working-days';
import type { HazardActivities } from '../../../libs/temporal/src/hazard-activities';
import { HAZARD_SEARCH_ATTRIBUTES } from '../../../libs/temporal/src/search-attributes';
import { REPO_ROOT } from '../paths';
import { createDocumentDesk, type DocumentDesk } from './document-desk';
import { createStepRecorder, type StepRecorder } from './step-recorder';

export const TEST_SERVER = process.env.TEMPORAL_TEST_SERVER ?? join(REPO_ROOT, '.tools', 'temporal-test-server', 'temporal-test-server');
const FAKETIME_LIBS = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/faketime/libfaketimeMT.so.1'];
export const WORKFLOWS_PATH = require.resolve('../../../workflows/src');

/**
 * The time-skipping test server starts at the machine's clock and only moves forward, but our
 * scenarios need dates the holiday data covers (e.g. the 2025 国庆 week). libfaketime
 * (`apt-get install libfaketime`) starts the server's clock at a chosen instant; the workflow's
 * time is the server's time, so every timer, reminder and deadline then runs on that date.
 */
function serverAt(startAt: string): string {
  const lib = FAKETIME_LIBS.find((p) => existsSync(p));
  if (!lib) {
    throw new Error(`这些场景需要 libfaketime 设定测试服务器时钟 / these scenarios need libfaketime (apt-get install libfaketime) to start the test server at ${startAt}`);
  }
  const utc = new Date(startAt).toISOString().replace('T', ' ').slice(0, 19);
  const dir = mkdtempSync(join(tmpdir(), 'hazard-ts-'));
  const script = join(dir, 'temporal-test-server');
  writeFileSync(script, `#!/bin/sh\nexport LD_PRELOAD=${lib}\nexport FAKETIME="@${utc}"\nexport TZ=UTC\nexec "${TEST_SERVER}" "$@"\n`);
  chmodSync(script, 0o755);
  return script;
}

const silent = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundles the workflow code once per test file, without webpack's report in the test output. */
export function quietBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
  return bundle;
}

/** IndexedValueType numbers of temporal.api.enums.v1, by the names the stack registers them with. */
const INDEXED_VALUE_TYPE: Record<string, number> = { Text: 1, Keyword: 2, Int: 3, Double: 4, Bool: 5, Datetime: 6, KeywordList: 7 };

/**
 * The hazard search attributes, registered on the time-skipping server as the local stack does on
 * the dev server: the workflow upserts them on every step and a server that does not know them
 * fails the workflow task.
 */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes = Object.fromEntries(Object.entries(HAZARD_SEARCH_ATTRIBUTES).map(([name, type]) => [name, INDEXED_VALUE_TYPE[type]]));
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
}

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
  teardown(): Promise<void>;
}

/**
 * A time-skipping server whose clock starts at `startAt`, with a worker using the real calendar
 * activity (or the `shiftWorkingDays` given: a calendar the test changes while hazards are in flight).
 */
export async function startScenarioEnv(startAt: string, taskQueue = 'hazard-test', calendar?: Pick<HazardActivities, 'shiftWorkingDays'>): Promise<ScenarioEnv> {
  // Warnings and errors only: the worker's state changes would drown the test report.
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed in this test file */
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverAt(startAt) } },
  });
  await registerSearchAttributes(env);
  const recorder = createStepRecorder();
  const documents = createDocumentDesk();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await quietBundle(),
    activities: {
      recordStep: recorder.recordStep, shiftWorkingDays: calendar?.shiftWorkingDays ?? shiftWorkingDaysActivity, enterprisePenalties: recorder.enterprisePenalties,
      issueDocument: documents.issueDocument, publishNotice: documents.publishNotice,
    },
  });
  const running = worker.run();
  const now = async () => env.currentTimeMs();
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
      if (target < current) throw new Error(`cannot go back in time to ${new Date(target).toISOString()} (now ${new Date(current).toISOString()})`);
      if (target > current) await env.sleep(target - current);
    },
    async teardown() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
