import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { Actor } from '@hazards/domain/hazard/actor';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { HYPOTHETICAL_2027_NOTICE } from '@hazards/testing/fixtures/calendar-notices';
import { gradeUpdate, listUpdate, type HazardLifecycleInput } from '../workflows/src';
import { report, round } from '@hazards/testing/report/bench-report';
import { inPool, poolRate } from '@hazards/testing/pool';
import { within } from '@hazards/testing/polling';
import { benchName, loginDemoUser, runMain, startBenchApps, temporalBackend } from '@hazards/testing/stack/bench-stack';

/**
 * Re-planning hazards in flight after a State Council notice is loaded: N open county-listed
 * hazards whose deadlines cross the changed days of 2027 (a hypothetical notice: see
 * testing/src/fixtures/calendar-notices.ts); the notice is loaded over the API and the clock runs until
 * the last hazard has recorded its `deadline_recomputed` step. Reported: hazards re-planned per
 * second and the time to the last one, against the raw signal rate of the same Temporal server in
 * the same run (N signals to N running workflows, before and after).
 */
const TOTAL = Number(process.env.BENCH_HAZARDS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

async function waitForCount(ds: DataSource, sql: string, target: number, what: string, timeoutMs = 3_600_000): Promise<void> {
  let n = -1;
  const reached = await within(
    timeoutMs,
    async () => {
      const last = n;
      n = Number(((await ds.query(sql)) as { n: string }[])[0].n);
      if (n !== last && n < target) console.log(`  ${what}: ${n}/${target}`);
      return n >= target;
    },
    2000,
  );
  if (!reached) throw new Error(`${what}: ${n}/${target} after ${timeoutMs / 1000} s`);
}

/**
 * The raw rate: N idle workflows (no worker polls their queue) each sent one signal. Null when the
 * server refused a call (an overloaded dev server answers DEADLINE_EXCEEDED): reported, not fatal.
 */
async function rawSignalRate(client: Client, n: number): Promise<number | null> {
  const ids = Array.from({ length: n }, () => `idle-${randomUUID()}`);
  try {
    await inPool(n, CONCURRENCY, async (i) => {
      await client.workflow.start('idleWorkflow', { workflowId: ids[i], taskQueue: 'bench-idle', args: [] });
    });
    const rate = await poolRate(n, CONCURRENCY, async (i) => {
      await client.workflow.getHandle(ids[i]).signal('calendarChanged', { calendarVersion: 0 });
    });
    await inPool(n, CONCURRENCY, async (i) => {
      await client.workflow.getHandle(ids[i]).terminate('benchmark baseline done');
    });
    return rate;
  } catch (err) {
    console.error(`raw signal baseline failed: ${err instanceof Error ? err.message : err}`);
    return null;
  }
}

async function main(): Promise<void> {
  const apps = await startBenchApps({ poolSize: 4, apiDatabasePoolSize: 20 });
  const { ds, base, client } = apps;
  try {
    // ---- N open hazards, listed at county level today: due in spring 2027, across the Spring Festival.
    const [ent]: { id: string; path: string }[] = await ds.query(
      `select e.id, j.path from enterprises e join jurisdictions j on j.id = e.grid_id where e.id = 'ent-jinsha-chem'`,
    );
    const [county]: { id: string; username: string; display_name: string; jurisdiction_id: string }[] = await ds.query(
      `select id, username, display_name, jurisdiction_id from users where username = 'tongzhou'`,
    );
    const actor: Actor = {
      userId: county.id,
      role: 'supervisor',
      name: county.display_name,
      jurisdictionId: county.jurisdiction_id,
      jurisdictionLevel: 'county',
    };
    const path = ent.path.split('/').filter(Boolean);
    const t0 = Date.now();
    await inPool(TOTAL, CONCURRENCY, async (i) => {
      const hazardId = randomUUID();
      const input: HazardLifecycleInput = {
        hazardId,
        enterpriseId: ent.id,
        jurisdictionPath: path,
        source: '监督检查',
        description: `日历基准隐患 ${i}`,
        reportedBy: actor,
        policy: DEFAULT_POLICY,
      };
      const h = await client.workflow.start('hazardLifecycleWorkflow', {
        workflowId: hazardWorkflowId(hazardId),
        taskQueue: 'hazards',
        args: [input],
      });
      await h.executeUpdate(gradeUpdate, {
        args: [
          {
            actor,
            grade: 'major',
            accidentType: '火灾',
            industry: '危险化学品',
            criterion: { standard: '化工和危险化学品重大隐患判定标准', item: '第十条' },
          },
        ],
      });
      await h.executeUpdate(listUpdate, {
        args: [{ actor, level: 'county', authority: '南通市通州区人民政府', leadDepartment: '通州区应急管理局' }],
      });
    });
    console.log(`${TOTAL} county-listed hazards in ${round((Date.now() - t0) / 1000, 0)} s`);
    await waitForCount(
      ds,
      `select count(*)::text as n from hazards where status = 'listed' and description like '日历基准隐患%'`,
      TOTAL,
      'listed',
    );

    const rawBefore = await rawSignalRate(client, TOTAL);
    console.log(`raw signals before: ${rawBefore === null ? 'failed' : round(rawBefore, 1)}/s`);

    // ---- the notice, loaded by an admin over the API; the clock runs until the last hazard re-planned.
    const admin = await loginDemoUser(base, 'admin');
    const { year: _y, ...body } = HYPOTHETICAL_2027_NOTICE;
    const loadStart = Date.now();
    const res = await fetch(`${base}/calendar/2027`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`PUT /calendar/2027: ${res.status} ${await res.text()}`);
    const loaded = (await res.json()) as { version: number; changedDates: string[]; replanWorkflowId: string };
    const loadMs = Date.now() - loadStart;
    await waitForCount(ds, `select count(*)::text as n from hazard_history where step = 'deadline_recomputed'`, TOTAL, 're-planned');
    // Measured from the load's own commit time to each hazard's recorded step (both PostgreSQL's clock).
    const [t]: { p50: number; p99: number; last: number }[] = await ds.query(
      `with l as (select loaded_at from calendar_notices where version = $1),
            s as (select extract(epoch from h.recorded_at - l.loaded_at)::float8 as s from hazard_history h, l where h.step = 'deadline_recomputed')
       select percentile_cont(0.5) within group (order by s) as p50, percentile_cont(0.99) within group (order by s) as p99, max(s) as last from s`,
      [loaded.version],
    );
    const ours = TOTAL / t.last;

    const rawAfter = await rawSignalRate(client, TOTAL);
    console.log(`raw signals after: ${rawAfter === null ? 'failed' : round(rawAfter, 1)}/s`);
    const raws = [rawBefore, rawAfter].filter((r): r is number => r !== null);
    const raw = raws.length ? raws.reduce((a, b) => a + b) / raws.length : NaN;
    const rawRow = (when: string, r: number | null) => ({
      variant: `raw signal to a running workflow (server accepts; ${when})`,
      hazards: TOTAL,
      per_s: r === null ? 'failed' : round(r, 1),
      seconds: r === null ? 'failed' : round(TOTAL / r, 1),
    });
    report(
      benchName('calendar-replan'),
      [
        rawRow('before', rawBefore),
        rawRow('after', rawAfter),
        {
          variant: 'notice loaded → every hazard re-planned (deadline_recomputed recorded)',
          hazards: TOTAL,
          per_s: round(ours, 1),
          seconds: round(t.last, 1),
        },
        {
          variant: 'time to re-planned: median / p99 / last hazard',
          hazards: TOTAL,
          per_s: 0,
          seconds: `${round(t.p50, 1)} / ${round(t.p99, 1)} / ${round(t.last, 1)}`,
        },
        { variant: 'ratio re-planned/raw', hazards: 0, per_s: round(ours / raw, 3), seconds: 0 },
      ],
      {
        calendarVersion: loaded.version,
        changedDates: loaded.changedDates,
        putMs: loadMs,
        replanWorkflowId: loaded.replanWorkflowId,
        temporal: temporalBackend(),
        temporalOnDisk: process.env.BENCH_TEMPORAL_IN_MEMORY !== '1',
      },
    );
  } finally {
    await apps.stop();
  }
}

runMain(main);
