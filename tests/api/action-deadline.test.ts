import { randomUUID } from 'node:crypto';
import type { ApiTestContext } from '@hazards/testing/api/api-test-context';
import { MAJOR_GRADING } from '@hazards/testing/fixtures/hazard-states';
import { stepCount } from '@hazards/testing/fixtures/recorded-rows';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { startHazardWorker } from '@hazards/testing/stack/hazard-worker';

/*
 * An action the workflow engine cannot finish within TEMPORAL_UPDATE_DEADLINE_MS (no worker runs,
 * or every worker is far behind) answers 503 `action_pending`, saying what to do, instead of a 500.
 * Nothing is lost and nothing happens twice: once a worker runs, the retry under the same
 * Idempotency-Key answers the outcome, and the hazard is graded once.
 */
const TASK_QUEUE = `action-deadline-${randomUUID().slice(0, 8)}`; // no other test file's worker polls it
let ctx: ApiTestContext;
let worker: Awaited<ReturnType<typeof startHazardWorker>> | undefined;

beforeAll(async () => {
  const saved = { deadline: process.env.TEMPORAL_UPDATE_DEADLINE_MS, queue: process.env.TEMPORAL_TASK_QUEUE };
  process.env.TEMPORAL_UPDATE_DEADLINE_MS = '2000';
  process.env.TEMPORAL_TASK_QUEUE = TASK_QUEUE;
  try {
    // The configuration is read when its module is first loaded: load the API after setting it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only now, after the settings above
    const later: typeof import('@hazards/testing/api/api-test-context') = require('@hazards/testing/api/api-test-context');
    ctx = await later.startApiTestContext({ worker: false });
  } finally {
    process.env.TEMPORAL_UPDATE_DEADLINE_MS = saved.deadline;
    process.env.TEMPORAL_TASK_QUEUE = saved.queue;
  }
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await ctx?.stop();
});

const steps = (id: string, step: string) => stepCount(ctx.ds, id, step);

describe('an action the workflow engine does not finish in time', () => {
  it('answers 503 action_pending with what to do; a retry under the same key once a worker runs grades the hazard once', async () => {
    const { api, tree } = ctx;
    const enterprise = await api.login(tree.users.entA, TEST_PASSWORD);
    const county = await api.login(tree.users.countyA, TEST_PASSWORD);
    const reported = await api.succeed<{ hazardId: string }>('POST', '/hazards', enterprise, {
      enterpriseId: tree.id.entA,
      source: '企业自查',
      description: '冲压车间3号冲床安全光幕失效',
      location: '冲压车间',
    });
    const id = reported.body.hazardId;
    const key = `grade-${id}`;
    const grade = () =>
      api.call('POST', `/hazards/${id}/grade`, { token: county, body: MAJOR_GRADING, headers: { 'Idempotency-Key': key } });

    // No worker polls the hazards' task queue: the update cannot finish.
    const pending = await grade();
    expect(pending.status).toBe(503);
    expect(pending.body).toMatchObject({
      statusCode: 503,
      code: 'action_pending',
      message: expect.stringMatching(/未能在 2 秒内完成.*可能仍会生效.*同一 Idempotency-Key/),
      messageEn: expect.stringMatching(/did not finish within 2 s.*may still take effect.*same Idempotency-Key/),
    });

    worker = await startHazardWorker(ctx.ds, TASK_QUEUE);
    const retried = await grade();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'awaiting_listing' });
    expect(await steps(id, 'graded')).toBe(1);
    // Sent once more under the key: the stored answer, still one grading.
    const again = await grade();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await steps(id, 'graded')).toBe(1);
  }, 120_000);
});
