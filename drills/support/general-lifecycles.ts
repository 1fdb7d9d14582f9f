import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/domain/src/hazard/actor';
import { hazardWorkflowId } from '../../libs/domain/src/hazard/hazard-workflow-id';
import { DEFAULT_POLICY } from '../../libs/domain/src/policy/default-policy';
import { gradeUpdate, reviewUpdate, submitCompletionUpdate } from '../../workflows/src/hazard-lifecycle.definitions';
import type { hazardLifecycleWorkflow } from '../../workflows/src/hazard-lifecycle.workflow';

const PATH = ['nantong', 'tongzhou', 'jinsha', 'jinsha-g1'];
const ENTERPRISE = 'ent-jinsha-chem';
const township: Actor = { userId: 'drill-town', role: 'supervisor', name: '金沙街道安监', jurisdictionId: 'jinsha', jurisdictionLevel: 'township' };
const enterprise: Actor = { userId: 'drill-ent', role: 'enterprise', name: '企业安全员', enterpriseId: ENTERPRISE };
const grid: Actor = { userId: 'drill-grid', role: 'grid_inspector', name: '网格员', jurisdictionId: 'jinsha-g1', jurisdictionLevel: 'grid' };

/** The steps a general hazard records on its way to closed: reported, graded, completion, closed. */
export const GENERAL_STEPS = ['reported', 'graded', 'completion.submitted', 'closed'];

/** Reports a general hazard and grades it 立即整改 through the workflow's own update; returns the grade's result. */
export async function reportAndGradeGeneral(client: Client, taskQueue: string, hazardId: string = randomUUID()) {
  const handle = await client.workflow.start<typeof hazardLifecycleWorkflow>('hazardLifecycleWorkflow', {
    workflowId: hazardWorkflowId(hazardId),
    taskQueue,
    args: [{ hazardId, enterpriseId: ENTERPRISE, jurisdictionPath: PATH, source: '网格巡查', description: `演练隐患 ${hazardId}`, reportedBy: grid, policy: DEFAULT_POLICY }],
  });
  const graded = await handle.executeUpdate(gradeUpdate, { args: [{ actor: township, grade: 'general', accidentType: '触电', industry: '制造业' }] });
  return { hazardId, handle, graded };
}

/** Drives one general hazard from report to sign-off through the workflow's own updates. */
export async function runGeneralLifecycle(client: Client, taskQueue: string): Promise<string> {
  const { hazardId, handle } = await reportAndGradeGeneral(client, taskQueue);
  await handle.executeUpdate(submitCompletionUpdate, { args: [{ actor: enterprise, evidenceFileIds: ['drill-photo'] }] });
  await handle.executeUpdate(reviewUpdate, { args: [{ actor: township, result: 'pass' }] });
  return hazardId;
}

/** Lost = a hazard not closed or missing a step; duplicated = a step recorded more than once. */
export async function checkLifecycles(ds: DataSource, hazardIds: string[]): Promise<{ lost: number; duplicated: number; problems: string[] }> {
  const rows: { hazard_id: string; status: string; steps: string[]; seqs: number[] }[] = await ds.query(
    `select h.id as hazard_id, h.status, array_agg(x.step order by x.seq) as steps, array_agg(x.seq order by x.seq) as seqs
     from hazards h join hazard_history x on x.hazard_id = h.id where h.id = any($1) group by h.id, h.status`, [hazardIds]);
  const byId = new Map(rows.map((r) => [r.hazard_id, r]));
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  for (const id of hazardIds) {
    const r = byId.get(id);
    if (!r) { lost++; problems.push(`${id}: no row`); continue; }
    const expected = GENERAL_STEPS.join(',');
    if (r.status !== 'closed') { lost++; problems.push(`${id}: status ${r.status}`); }
    const extra = r.steps.length - new Set(r.steps).size;
    if (extra > 0) { duplicated += extra; problems.push(`${id}: steps ${r.steps.join(',')}`); }
    else if (r.steps.join(',') !== expected) { lost++; problems.push(`${id}: steps ${r.steps.join(',')}`); }
    if (r.seqs.some((s, i) => s !== i + 1)) problems.push(`${id}: seqs ${r.seqs.join(',')}`);
  }
  return { lost, duplicated, problems };
}

/** Runs `n` lifecycles, at most `concurrency` at a time; returns the ids and any that threw. */
export async function runMany(n: number, concurrency: number, run: () => Promise<string>): Promise<{ ids: string[]; errors: string[] }> {
  const ids: string[] = [];
  const errors: string[] = [];
  let started = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (started < n) {
      started++;
      try { ids.push(await run()); } catch (err) { errors.push((err as Error).message); }
    }
  }));
  return { ids, errors };
}
