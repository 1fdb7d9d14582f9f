import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import {
  DUPLICATE_CANDIDATES_SQL,
  DuplicateCandidateRepository,
  type DuplicateProbe,
  type DuplicateRules,
} from '@hazards/persistence/duplicates/duplicate-candidates.repository';
import { insertReportRows } from '@hazards/testing/fixtures/report-rows';
import { median, percentile, report, round, timed } from '@hazards/testing/report/bench-report';
import { runMain, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { seedHazardText } from '@hazards/testing/fixtures/hazard-text-read-model';
import { confusion, distinctReports, loadLabelledPairs, type LabelledPair, type PairScore } from '@hazards/testing/fixtures/labelled-pairs';

/**
 * npm run bench duplicates (issue 19, part 3: 重复隐患识别).
 * 1. Quality: the candidate lookup on the labelled pairs in bench/data/: precision and recall over
 *    a threshold sweep, each category at the policy's thresholds, and the text representations the
 *    migration weighed, on the same pairs in the same run. Goal: precision ≥ 0.9 at recall ≥ 0.8.
 * 2. Latency: the lookup on a read model of 1,000,000 hazards, probes drawn from its rows (so big
 *    enterprises are probed as often as they report). Baseline: the same lookups after dropping the
 *    indexes that lead with enterprise_id, in the same run. Goal: p95 ≤ 50 ms.
 */
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 1_000_000);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 30);
const SETS = [
  { name: 'labelled set (thresholds chosen on it)', file: 'duplicate-pairs.json' },
  { name: 'held-out set (written after the method was fixed, scored after the thresholds were)', file: 'duplicate-pairs.held-out.json' },
];
const RULES = DEFAULT_POLICY.duplicates!;

/** For each pair, the scores the lookup gives a when b is the new report (null: not a candidate at any threshold). */
async function scorePairs(app: DataSource, owner: DataSource, pairs: LabelledPair[]): Promise<PairScore[]> {
  const reports = distinctReports(pairs);
  const ids = new Map(reports.map((r) => [r.ref, randomUUID()]));
  await insertReportRows(
    owner,
    reports.map((r) => ({ ...r, id: ids.get(r.ref)! })),
  );
  const repo = new DuplicateCandidateRepository(app);
  const everything: DuplicateRules = { ...RULES, minDescriptionSimilarity: 0, minLocationSimilarity: 0, maxCandidates: 50 };
  const scores: PairScore[] = [];
  for (const pair of pairs) {
    const b = pair.b;
    const found = await repo.find(
      {
        enterpriseId: b.enterpriseId,
        description: b.description,
        location: b.location,
        reportedAt: b.reportedAt,
        excludeHazardId: ids.get(b.ref),
      },
      everything,
    );
    const a = found.find((c) => c.hazardId === ids.get(pair.a.ref));
    scores.push({ pair, description: a?.descriptionSimilarity ?? null, location: a ? a.locationSimilarity : null });
  }
  await owner.query('delete from hazards where id = any($1)', [[...ids.values()]]);
  return scores;
}

/**
 * The representations the migration weighed, scored by SQL on the same pairs. The enterprise and
 * window rules apply to all (a pair outside them is never a candidate).
 */
async function alternatives(app: DataSource, pairs: LabelledPair[]): Promise<Record<string, PairScore[]>> {
  const plain = (x: string) => `btrim(regexp_replace(lower(normalize(coalesce(${x}, ''), nfkc)), '[^0-9a-z\\u3400-\\u9fff]+', ' ', 'g'))`;
  const masked = (d: string, l: string) => `translate(${plain(d)}, ${plain(l)}, repeat(' ', char_length(${plain(l)})))`;
  const rows: { raw: number; grams: number; masked: number; location: number | null }[] = await app.query(
    `select similarity(ad, bd) as raw,
            similarity(hazard_text_grams(${plain('ad')}), hazard_text_grams(${plain('bd')})) as grams,
            similarity(hazard_text_grams(${masked('ad', 'al')}), hazard_text_grams(${masked('bd', 'bl')})) as masked,
            case when ${plain('al')} = '' or ${plain('bl')} = '' then null
                 else similarity(hazard_text_grams(${plain('al')}), hazard_text_grams(${plain('bl')})) end as location
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as t(ad, al, bd, bl, n) order by n`,
    [pairs.map((p) => p.a.description), pairs.map((p) => p.a.location), pairs.map((p) => p.b.description), pairs.map((p) => p.b.location)],
  );
  const inScope = (p: LabelledPair) =>
    p.a.enterpriseId === p.b.enterpriseId &&
    Math.abs(Date.parse(p.a.reportedAt) - Date.parse(p.b.reportedAt)) <= RULES.windowDays * 86_400_000;
  const score = (key: 'raw' | 'grams' | 'masked', withLocation: boolean) =>
    pairs.map((pair, i) => ({
      pair,
      description: inScope(pair) ? Number(rows[i][key]) : null,
      location: withLocation && rows[i].location !== null ? Number(rows[i].location) : null,
    }));
  return {
    'pg_trgm on the raw text (CJK runs → character trigrams)': score('raw', false),
    'unigram+bigram words, whole description': score('grams', false),
    '+ own location masked out, location threshold': score('masked', true),
  };
}

const THRESHOLDS = Array.from({ length: 29 }, (_, i) => round(0.02 + i * 0.01));

/** Best precision with recall ≥ 0.8 and best recall with precision ≥ 0.9, over description thresholds. */
function bestOf(scores: PairScore[], minLocation: number) {
  const cs = THRESHOLDS.map((t) => ({ t, ...confusion(scores, t, minLocation) }));
  const atRecall = cs.filter((c) => c.recall >= 0.8).sort((x, y) => y.precision - x.precision)[0];
  const atPrecision = cs.filter((c) => c.precision >= 0.9).sort((x, y) => y.recall - x.recall)[0];
  return {
    precision_at_recall_0_8: atRecall ? `${round(atRecall.precision, 3)} (t=${atRecall.t})` : '—',
    recall_at_precision_0_9: atPrecision ? `${round(atPrecision.recall, 3)} (t=${atPrecision.t})` : '—',
  };
}

async function quality(app: DataSource, owner: DataSource) {
  const results: Record<string, unknown> = {};
  const summary: Record<string, string | number>[] = [];
  for (const set of SETS) {
    let pairs: LabelledPair[];
    try {
      pairs = loadLabelledPairs(set.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const dup = pairs.filter((p) => p.duplicate).length;
    console.log(`\n${set.name}: ${set.file}, ${pairs.length} pairs (${dup} duplicates, ${pairs.length - dup} not)`);
    const scores = await scorePairs(app, owner, pairs);
    console.log(`threshold sweep: description similarity, location threshold at the policy's ${RULES.minLocationSimilarity} (★ = policy)`);
    console.table(
      THRESHOLDS.map((t) =>
        sweepRow('minDescription', t, RULES.minDescriptionSimilarity, confusion(scores, t, RULES.minLocationSimilarity)),
      ),
    );
    console.log(`threshold sweep: location similarity, description threshold at the policy's ${RULES.minDescriptionSimilarity}`);
    console.table(
      [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4].map((t) =>
        sweepRow('minLocation', t, RULES.minLocationSimilarity, confusion(scores, RULES.minDescriptionSimilarity, t)),
      ),
    );
    console.log('by category, at the policy thresholds (flagged = the lookup returns the pair)');
    const categories = [...new Set(pairs.map((p) => p.category))];
    console.table(
      categories.map((category) => {
        const of = scores.filter((s) => s.pair.category === category);
        const c = confusion(of, RULES.minDescriptionSimilarity, RULES.minLocationSimilarity);
        return {
          category,
          duplicate: of[0].pair.duplicate,
          pairs: of.length,
          flagged: c.tp + c.fp,
          rate: round((c.tp + c.fp) / of.length, 3),
        };
      }),
    );
    const representations = { ...(await alternatives(app, pairs)), 'ours: + standard terms (the lookup)': scores };
    console.log('representations on the same pairs (best threshold of each)');
    const compared = Object.entries(representations).map(([representation, s]) => ({
      representation,
      ...bestOf(s, RULES.minLocationSimilarity),
    }));
    console.table(compared);
    const atPolicy = confusion(scores, RULES.minDescriptionSimilarity, RULES.minLocationSimilarity);
    console.log(
      `at the policy thresholds: precision ${round(atPolicy.precision, 3)}, recall ${round(atPolicy.recall, 3)} (goal: precision ≥ 0.9 at recall ≥ 0.8)`,
    );
    results[set.file] = { pairs: pairs.length, duplicates: dup, atPolicy, representations: compared };
    summary.push({
      variant: `${set.file} at the policy thresholds`,
      pairs: pairs.length,
      precision: round(atPolicy.precision, 3),
      recall: round(atPolicy.recall, 3),
    });
  }
  return { results, summary };
}

async function latency(app: DataSource, owner: DataSource) {
  console.log(
    `\nseeding ${HAZARDS.toLocaleString()} hazards of ${ENTERPRISES.toLocaleString()} enterprises (the duplicate columns are computed on insert) ...`,
  );
  const [, seedMs] = await timed(() => seedHazardText(owner, HAZARDS, ENTERPRISES));
  console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);
  type ProbeRow = {
    id: string;
    enterprise_id: string;
    description: string;
    location: string | null;
    reported_at: Date;
    window_rows: number;
  };
  const probes: ProbeRow[] = await app.query(
    `select h.id, h.enterprise_id, h.description, h.detail->>'location' as location, h.reported_at,
            (select count(*) from hazards o where o.enterprise_id = h.enterprise_id
               and o.reported_at between h.reported_at - make_interval(days => $2) and h.reported_at + make_interval(days => $2))::int as window_rows
       from (select * from hazards order by random() limit $1) h`,
    [RUNS + BASELINE_RUNS + 20, RULES.windowDays],
  );
  const sizes = probes.map((p) => p.window_rows);
  console.log(
    `rows each probe's enterprise has within ±${RULES.windowDays} days: p50 ${median(sizes)}, p95 ${percentile(sizes, 95)}, max ${Math.max(...sizes)}`,
  );
  const repo = new DuplicateCandidateRepository(app);
  const probe = (p: ProbeRow): DuplicateProbe => ({
    enterpriseId: p.enterprise_id,
    description: p.description,
    location: p.location,
    reportedAt: p.reported_at,
    excludeHazardId: p.id,
  });
  const measure = async (list: ProbeRow[]) => {
    const times: number[] = [];
    let found = 0;
    for (const p of list) {
      const [candidates, ms] = await timed(() => repo.find(probe(p), RULES));
      found += candidates.length;
      times.push(ms);
    }
    return { times, found };
  };
  await measure(probes.slice(0, 20)); // warm the cache
  const indexed = await measure(probes.slice(20, 20 + RUNS));
  const heaviest = probes.reduce((x, y) => (y.window_rows > x.window_rows ? y : x));
  const plan: { 'QUERY PLAN': string }[] = await app.query(`explain (analyze, costs off) ${DUPLICATE_CANDIDATES_SQL}`, [
    heaviest.enterprise_id,
    heaviest.description,
    heaviest.location,
    heaviest.reported_at,
    RULES.windowDays,
    RULES.recentlyClosedDays,
    heaviest.id,
    RULES.minDescriptionSimilarity,
    RULES.minLocationSimilarity,
    RULES.maxCandidates,
  ]);
  console.log(`plan for the heaviest probe (${heaviest.window_rows} rows in its window):\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);

  const indexes: { indexname: string; indexdef: string }[] = await owner.query(
    `select indexname, indexdef from pg_indexes where tablename = 'hazards' and indexdef like '%(enterprise_id%'`,
  );
  console.log(`baseline: dropping ${indexes.map((i) => i.indexname).join(', ')}`);
  for (const ix of indexes) await owner.query(`drop index ${ix.indexname}`);
  await owner.query('analyze hazards');
  const baseline = await measure(probes.slice(20 + RUNS));
  for (const ix of indexes) await owner.query(ix.indexdef);

  const row = (variant: string, t: number[], found: number) => ({
    variant,
    runs: t.length,
    p50_ms: round(median(t)),
    p95_ms: round(percentile(t, 95)),
    p99_ms: round(percentile(t, 99)),
    candidates_per_lookup: round(found / t.length, 2),
  });
  const rows = [
    row('enterprise + date index (ours)', indexed.times, indexed.found),
    row('baseline: enterprise indexes dropped', baseline.times, baseline.found),
  ];
  rows.push({
    variant: 'ratio baseline/ours',
    runs: 0,
    p50_ms: round(median(baseline.times) / median(indexed.times), 1),
    p95_ms: round(percentile(baseline.times, 95) / percentile(indexed.times, 95), 1),
    p99_ms: 0,
    candidates_per_lookup: 0,
  });
  return {
    rows,
    windowRows: { p50: median(sizes), p95: percentile(sizes, 95), max: Math.max(...sizes) },
    met: percentile(indexed.times, 95) <= 50,
  };
}

/** One row of a threshold sweep: the threshold tried (★ where it is the policy's) and how it scores. */
function sweepRow(column: string, threshold: number, policy: number, c: ReturnType<typeof confusion>) {
  return {
    [column]: `${threshold}${threshold === policy ? ' ★' : ''}`,
    precision: round(c.precision, 3),
    recall: round(c.recall, 3),
    f1: round(c.f1, 3),
    tp: c.tp,
    fp: c.fp,
    fn: c.fn,
  };
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const owner = await new DataSource(dataSourceOptions(stack.env.MIGRATION_DATABASE_URL, 1)).initialize();
  const app = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, 2)).initialize();
  try {
    console.log(`policy ${DEFAULT_POLICY.version}: duplicates ${JSON.stringify(RULES)}`);
    const labelled = await quality(app, owner);
    // BENCH_HAZARDS=0: the labelled sets only.
    const lat = HAZARDS > 0 ? await latency(app, owner) : { rows: [], windowRows: null, met: null };
    report('duplicates', [...labelled.summary, ...lat.rows], {
      hazards: HAZARDS,
      enterprises: ENTERPRISES,
      rules: RULES,
      labelled: labelled.results,
      windowRows: lat.windowRows,
      targets: { p95_ms: 50, precision: 0.9, recall: 0.8 },
      latencyMet: lat.met,
    });
  } finally {
    await app.destroy();
    await owner.destroy();
    await stack.stop();
  }
}

runMain(main);
