import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { HAZARD_SA_KEYS } from '@hazards/temporal/search-attributes';
import { gradeUpdate, hazardLifecycleWorkflow, submitCompletionUpdate } from '../../workflows/src';
import { startHazardWorker } from '@hazards/testing/stack/hazard-worker';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { completedBySelf, gradeMajor, listAt, planApproved } from '@hazards/testing/workflows/hazard-steps';
import { actors, ENTERPRISE, PATH, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/** The hazard's search attributes as Temporal keeps them. */
async function indexed(h: WorkflowHandle) {
  const sa = (await h.describe()).typedSearchAttributes;
  return {
    status: sa.get(HAZARD_SA_KEYS.status) ?? null,
    deadline: sa.get(HAZARD_SA_KEYS.deadline)?.toISOString() ?? null,
    grade: sa.get(HAZARD_SA_KEYS.grade) ?? null,
    level: sa.get(HAZARD_SA_KEYS.listingLevel) ?? null,
  };
}

describe('search attributes follow every step (time-skipping server)', () => {
  const t = useScenarioEnv(sh('2025-04-07', '09:00:00'));

  it('14.10 HazardStatus, HazardDeadline, HazardGrade and HazardListingLevel match the state after each step', async () => {
    const h = await startHazard(t, 'SA-1');
    const same = async () => {
      const st = await stateOf(h);
      expect(await indexed(h)).toEqual({
        status: st.status,
        deadline: st.currentDeadline,
        grade: st.grade,
        level: st.listing?.level ?? null,
      });
    };
    await same();
    await gradeMajor(h, '火灾', '第四条');
    await same();
    await listAt(h, 'county');
    await same();
    expect((await indexed(h)).level).toBe('county');
    await planApproved(h, '限产', actors.county);
    await same();
    expect((await indexed(h)).status).toBe('rectifying');
    await completedBySelf(h, '合格');
    await same();
    expect((await indexed(h)).status).toBe('submitted');
  });
});

describe('search attributes answer list queries (dev server, real worker and activities)', () => {
  let ds: DataSource;
  let worker: Awaited<ReturnType<typeof startHazardWorker>>;
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    ds = await openTestDataSource();
    worker = await startHazardWorker(ds);
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await ds?.destroy();
  });

  it('14.10 `HazardStatus="rectifying"` lists the hazard once it is rectifying, and no longer once it is submitted', async () => {
    const hazardId = `SA-dev-${Date.now()}`;
    const h = await client.workflow.start(hazardLifecycleWorkflow, {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'hazards',
      workflowId: hazardWorkflowId(hazardId),
      args: [
        {
          hazardId,
          enterpriseId: ENTERPRISE,
          jurisdictionPath: PATH,
          source: '网格巡查',
          description: '配电箱无防护',
          reportedBy: actors.grid,
          policy: DEFAULT_POLICY,
        },
      ],
    });
    const listed = async (query: string) => {
      const ids: string[] = [];
      for await (const w of client.workflow.list({ query: `${query} AND WorkflowId="${h.workflowId}"` })) ids.push(w.workflowId);
      return ids;
    };
    await waitFor(async () => (await listed('HazardStatus="reported"')).length === 1, 30_000);
    await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.grid, grade: 'general', accidentType: '触电', industry: '制造业', generalMode: 'short' }],
    });
    await waitFor(async () => (await listed('HazardStatus="rectifying" AND HazardGrade="general"')).length === 1, 30_000);
    expect(await listed('HazardStatus="reported"')).toEqual([]);
    const deadline = (await stateOf(h)).currentDeadline!;
    const around = (ms: number) => new Date(Date.parse(deadline) + ms).toISOString();
    expect(await listed(`HazardDeadline > "${around(-60_000)}" AND HazardDeadline < "${around(60_000)}"`)).toEqual([h.workflowId]);
    expect(await listed(`HazardDeadline < "${around(-60_000)}"`)).toEqual([]);
    await h.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f1'] }] });
    await waitFor(async () => (await listed('HazardStatus="submitted"')).length === 1, 30_000);
    expect(await listed('HazardStatus="rectifying"')).toEqual([]);
  });
});
