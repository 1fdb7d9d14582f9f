import { DataSource } from 'typeorm';
import type { AuthUser } from '@hazards/access/auth-user';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { runMain, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { median, percentile, report, round, timed } from '@hazards/testing/report/bench-report';

/**
 * Benchmark 2: a county supervisor's overdue list (first page, most overdue first, with the
 * total) over 1,000,000 hazards in a province-sized tree, through the API's own query service.
 * Baseline: the same queries after dropping the read model's indexes, in the same run.
 */
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 20);
const TREE = { cities: 13, counties: 8, townships: 12, grids: 6 }; // 13 × 8 × 12 × 6 = 7,488 grids

async function seed(owner: DataSource): Promise<string[]> {
  // Bulk seeding takes longer than the apps' 30 s statement timeout.
  await owner.query('set statement_timeout = 0');
  await owner.query(`
    insert into jurisdictions (id, name, level, kind, parent_id, path)
    select 'p-c' || c, '市' || c, 'city', '市', null, '/p-c' || c || '/' from generate_series(1, ${TREE.cities}) c`);
  await owner.query(`
    insert into jurisdictions (id, name, level, kind, parent_id, path)
    select 'p-c' || c || '-k' || k, '县' || c || '-' || k, 'county', '县', 'p-c' || c, '/p-c' || c || '/p-c' || c || '-k' || k || '/'
    from generate_series(1, ${TREE.cities}) c, generate_series(1, ${TREE.counties}) k`);
  // Hazards get their path columns straight from the generated tree coordinates.
  console.log(`seeding ${HAZARDS.toLocaleString()} hazards ...`);
  await owner.query(`
    insert into hazards (id, status, grade, listing_level, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id,
      source, description, industry, accident_type, reported_at, rectification_deadline, current_deadline, escalation_stage,
      closed_at, policy_version, last_seq, detail)
    select md5(i::text)::uuid::text,
      s.status, case when r2 < 0.1 then 'major' else 'general' end, case when r2 < 0.1 then (array['township','county','city'])[1 + (i % 3)] end,
      'e-' || (i % 50000), '/p-c' || c || '/p-c' || c || '-k' || k || '/p-c' || c || '-k' || k || '-t' || t || '/g' || g || '/',
      'p-c' || c, 'p-c' || c || '-k' || k, 'p-c' || c || '-k' || k || '-t' || t, 'p-c' || c || '-k' || k || '-t' || t || '-g' || g,
      (array['企业自查','监督检查','督查','四不两直','专家检查','暗访','举报','网格巡查'])[1 + (i % 8)],
      '隐患描述 ' || i, (array['制造业','建筑业','危险化学品','批发和零售业'])[1 + (i % 4)],
      (array['物体打击','机械伤害','高处坠落','火灾','触电','坍塌','中毒和窒息','其他伤害'])[1 + (i % 8)],
      now() - (r1 * interval '400 days'), s.deadline, s.deadline, case when s.deadline < now() and s.status not in ('closed','withdrawn') then 1 + (i % 5) else 0 end,
      case when s.status = 'closed' then now() - (r1 * interval '100 days') end, 'bench', 1, '{}'
    from (select i, random() as r1, random() as r2, random() as r3, random() as r4,
            1 + (i % ${TREE.cities}) as c, 1 + ((i / ${TREE.cities}) % ${TREE.counties}) as k,
            1 + ((i / 104) % ${TREE.townships}) as t, 1 + ((i / 1248) % ${TREE.grids}) as g
          from generate_series(1, ${HAZARDS}) i) x,
    lateral (select case when r3 < 0.60 then 'closed' when r3 < 0.65 then 'withdrawn' when r3 < 0.80 then 'rectifying'
                         when r3 < 0.90 then 'submitted' else 'listed' end as status,
                    now() + ((r4 - 0.5) * interval '360 days') as deadline) s`);
  // A live table is vacuumed by autovacuum; without it every index scan visits the heap.
  await owner.query('vacuum analyze hazards');
  const counties: { id: string }[] = await owner.query(`select id from jurisdictions where level = 'county' order by id`);
  return counties.map((c) => c.id);
}

function countySupervisor(countyId: string): AuthUser {
  return {
    id: 'bench',
    username: 'bench',
    displayName: 'bench',
    role: 'supervisor',
    jurisdictionId: countyId,
    jurisdictionLevel: 'county',
    jurisdictionPath: null,
    enterpriseId: null,
    departmentId: null,
    isSafetyDirector: false,
  };
}

async function measure(svc: HazardQueryService, counties: string[], runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const county = counties[(i * 7) % counties.length];
    const [page, ms] = await timed(() => svc.list(countySupervisor(county), { overdue: true, sort: 'overdue', limit: 20 }));
    if (page.items.length === 0) throw new Error(`county ${county} has no overdue hazards: the seed is wrong`);
    times.push(ms);
  }
  return times;
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const owner = await new DataSource(dataSourceOptions(stack.env.MIGRATION_DATABASE_URL, 1)).initialize(); // one connection: its session settings hold
  const app = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, 2)).initialize();
  try {
    const [counties, seedMs] = await timed(() => seed(owner));
    console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s; ${counties.length} counties`);
    const svc = new HazardQueryService(app);
    await measure(svc, counties, 20); // warm the cache
    const indexed = await measure(svc, counties, RUNS);
    const plan: { 'QUERY PLAN': string }[] = await app.query(
      `explain analyze select id from hazards h where h.county_id = $1 and h.status not in ('closed','withdrawn') and h.rectification_deadline < now()
       order by h.rectification_deadline asc, h.id asc limit 21`,
      [counties[0]],
    );
    console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
    const indexes: { indexname: string; indexdef: string }[] = await owner.query(
      `select indexname, indexdef from pg_indexes where tablename = 'hazards' and indexname like 'ix_%'`,
    );
    await owner.query('set statement_timeout = 0');
    for (const ix of indexes) await owner.query(`drop index ${ix.indexname}`);
    await owner.query('analyze hazards');
    await measure(svc, counties, 2);
    const baseline = await measure(svc, counties, BASELINE_RUNS);
    for (const ix of indexes) await owner.query(ix.indexdef);
    const row = (name: string, t: number[]) => ({
      variant: name,
      runs: t.length,
      p50_ms: round(median(t)),
      p95_ms: round(percentile(t, 95)),
      p99_ms: round(percentile(t, 99)),
    });
    const rows = [row('indexed (ours)', indexed), row('baseline: indexes dropped', baseline)];
    const ratio = median(baseline) / median(indexed);
    const ratioP95 = percentile(baseline, 95) / percentile(indexed, 95);
    rows.push({ variant: 'ratio baseline/ours', runs: 0, p50_ms: round(ratio, 1), p95_ms: round(ratioP95, 1), p99_ms: 0 });
    report('overdue-list', rows, {
      hazards: HAZARDS,
      tree: TREE,
      targets: { p95_ms: 50, ratio: 20 },
      met: percentile(indexed, 95) <= 50 && ratio >= 20,
    });
  } finally {
    await app.destroy();
    await owner.destroy();
    await stack.stop();
  }
}

runMain(main);
