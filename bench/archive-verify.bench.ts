/**
 * Benchmark (not a test): the archive verifier over 1,000,000 chained history rows, against a
 * plain sequential scan of the same rows in the same batches; and the cost of sealing on the
 * write path (chained vs plain inserts, 1 and 8 concurrent writers, fsync on).
 *
 *   source /tmp/testenv.sh   # or any shell where PG_BIN_DIR points at PostgreSQL 15's bin/
 *   npm run -s bench:archive  [-- ROWS]
 *
 * It starts a PostgreSQL of its own in a temporary folder (durable settings, as in production)
 * and removes it afterwards.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { canonicalSql, GENESIS_HMAC, HISTORY_CHAIN, sealMessage } from '@hazards/archive/chain-definitions';
import { ChainVerifier } from '@hazards/archive/chain-verifier';
import { dataSourceOptions, runMigrations } from '@hazards/persistence/data-source-options';
import { freePort } from '../infra/local-stack/net';
import { PostgresServer } from '../infra/local-stack/postgres-server';
import { timed, report as writeReport } from '@hazards/testing/report/bench-report';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = 10_000;
const key = ArchiveKey.of('bench-only-archive-hmac-key-0123456789abcdef');

/** A history row's content as a deterministic function of g (so two passes produce the same row). */
const CONTENT: Record<string, string> = {
  id: 'g',
  hazard_id: `'hz-' || (g / 10)`,
  seq: '(g % 10)::int + 1',
  step: `(array['reported','graded','listed','plan.submitted','reminder.sent'])[(g % 5)::int + 1]`,
  actor_id: `'user-' || (g % 1000)`,
  actor_role: `'supervisor'`,
  actor: `jsonb_build_object('userId', 'user-' || (g % 1000), 'role', 'supervisor', 'name', '甲县安监', 'jurisdictionId', 'county-a')`,
  at: `timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second'`,
  from_status: `'reported'`,
  to_status: `'listed'`,
  reason: `case when g % 3 = 0 then '整改期限提醒：距期限还有5个工作日' end`,
  policy_version: `'default-v1'`,
  data: `jsonb_build_object('n', g, 'note', '2号储罐区可燃气体报警器失效', 'list', jsonb_build_array(1, 2.5, '三'), 'deadline', '2025-03-01T00:00:00Z')`,
  recorded_at: `timestamptz '2025-01-01 00:00:01+00' + g * interval '1 second'`,
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** timed, in seconds. */
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const [r, ms] = await timed(f);
  return [r, ms / 1000];
};

async function fill(ds: DataSource, owner: DataSource): Promise<void> {
  const cols = HISTORY_CHAIN.columns.map((c) => c.name);
  const canon = canonicalSql(HISTORY_CHAIN, (c) => CONTENT[c.name]);
  let prev = GENESIS_HMAC;
  for (let from = 1; from <= ROWS; from += BATCH) {
    const to = Math.min(ROWS, from + BATCH - 1);
    const rows: { g: string; canonical: string }[] = await ds.query(
      `select s.g::text as g, ${canon} as canonical from generate_series($1::bigint, $2::bigint) as s(g) order by s.g`,
      [from, to],
    );
    const gs: string[] = [];
    const prevs: string[] = [];
    const hmacs: string[] = [];
    for (const r of rows) {
      const h = key.mac(...sealMessage('hazard_history', prev, r.canonical));
      gs.push(r.g);
      prevs.push(prev);
      hmacs.push(h);
      prev = h;
    }
    await ds.query(
      `insert into hazard_history (${cols.join(', ')}, chain_seq, prev_hmac, row_hmac)
       select ${cols.map((c) => CONTENT[c]).join(', ')}, g, p, h from unnest($1::bigint[], $2::text[], $3::text[]) as x(g, p, h)`,
      [gs, prevs, hmacs],
    );
    if (to % 100_000 === 0 || to === ROWS) process.stderr.write(`  filled ${fmt(to)} rows\n`);
  }
  await ds.query(`update archive_chain_heads set seq = $1, hmac = $2 where chain = 'hazard_history'`, [ROWS, prev]);
  await owner.query(`select setval(pg_get_serial_sequence('hazard_history', 'id'), $1)`, [ROWS]);
}

/** The baseline: the same rows, the same keyset batches, every column fetched, nothing computed. */
async function plainScan(ds: DataSource): Promise<number> {
  let after = 0;
  let n = 0;
  for (;;) {
    const rows: { chain_seq: string }[] = await ds.query(
      'select r.*, r.chain_seq::text as chain_seq from hazard_history r where r.chain_seq > $1 order by r.chain_seq limit 5000',
      [after],
    );
    if (rows.length === 0) return n;
    n += rows.length;
    after = Number(rows[rows.length - 1].chain_seq);
  }
}

/** Inserts per second of `writers` concurrent writers, each row in a transaction of its own. */
async function writeRate(ds: DataSource, writers: number, perWriter: number, sealed: boolean, tag: string): Promise<number> {
  const appender = new ChainAppender(key);
  const values = (w: number, i: number) => ({
    hazard_id: `bench-${tag}-${w}`,
    seq: i + 1,
    step: 'reminder.sent',
    actor_id: 'system',
    actor_role: 'system',
    actor: { userId: 'system', role: 'system' },
    at: new Date().toISOString(),
    from_status: 'rectifying',
    to_status: 'rectifying',
    reason: null,
    policy_version: 'default-v1',
    data: { i },
  });
  const [, seconds] = await time(() =>
    Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          const v = values(w, i);
          if (sealed) await ds.transaction((m) => appender.append(m, HISTORY_CHAIN, v));
          else {
            await ds.transaction((m) =>
              m.query(
                `insert into bench_plain (hazard_id, seq, step, actor_id, actor_role, actor, at, from_status, to_status, reason, policy_version, data)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
                [
                  v.hazard_id,
                  v.seq,
                  v.step,
                  v.actor_id,
                  v.actor_role,
                  JSON.stringify(v.actor),
                  v.at,
                  v.from_status,
                  v.to_status,
                  v.reason,
                  v.policy_version,
                  JSON.stringify(v.data),
                ],
              ),
            );
          }
        }
      }),
    ),
  );
  return (writers * perWriter) / seconds;
}

async function main(): Promise<void> {
  const binDir = process.env.PG_BIN_DIR;
  if (!binDir)
    throw new Error('PG_BIN_DIR is not set (PostgreSQL 15 bin/ folder): source /tmp/testenv.sh or run through infra/bin/ensure-tools.sh');
  const dir = mkdtempSync(join(tmpdir(), 'archive-bench-'));
  chmodSync(dir, 0o755);
  const pg = new PostgresServer({
    binDir,
    dataDir: join(dir, 'postgres'),
    port: await freePort(),
    database: 'bench',
    user: 'bench',
    password: 'bench',
    logFile: join(dir, 'postgres.log'),
  });
  try {
    await pg.start();
    await runMigrations(pg.ownerUrl);
    const owner = await new DataSource(dataSourceOptions(pg.ownerUrl, 2)).initialize();
    const ds = await new DataSource({ ...dataSourceOptions(pg.url, 10), extra: { max: 10, statement_timeout: 0 } } as never).initialize();
    console.log(
      `archive verifier benchmark: ${fmt(ROWS)} chained history rows, PostgreSQL 15 (fsync on), Node ${process.version}, ${cpus().length} cores`,
    );

    const [, fillSeconds] = await time(() => fill(ds, owner));
    await owner.query('vacuum analyze hazard_history');
    const [{ size }] = await owner.query(`select pg_size_pretty(pg_total_relation_size('hazard_history')) as size`);
    console.log(`fill (seal in Node, bulk insert): ${fillSeconds.toFixed(1)} s, table ${size}`);

    // Warm the cache once so both measurements read from memory, then alternate.
    await plainScan(ds);
    const [scanned, scanSeconds] = await time(() => plainScan(ds));
    const verifier = new ChainVerifier(ds, key);
    const [report, verifySeconds] = await time(() => verifier.verify({ chains: ['hazard_history'] }));
    const [, scanSeconds2] = await time(() => plainScan(ds));
    if (!report.intact || report.chains[0].rows !== ROWS || scanned !== ROWS)
      throw new Error(`unexpected: ${JSON.stringify(report.chains[0])}, scanned ${scanned}`);
    const baseline = Math.min(scanSeconds, scanSeconds2);
    console.log(`baseline: plain keyset scan of all columns   ${baseline.toFixed(1)} s  ${fmt(ROWS / baseline)} rows/s`);
    console.log(
      `audit verify (canonical form + HMAC chain)   ${verifySeconds.toFixed(1)} s  ${fmt(ROWS / verifySeconds)} rows/s  (${(verifySeconds / baseline).toFixed(1)}× the scan) — intact, ${fmt(report.chains[0].rows)} rows`,
    );
    const rows: Record<string, string | number>[] = [
      { what: 'baseline: plain keyset scan', rows: ROWS, seconds: +baseline.toFixed(2), rowsPerSecond: Math.round(ROWS / baseline) },
      { what: 'audit verify', rows: ROWS, seconds: +verifySeconds.toFixed(2), rowsPerSecond: Math.round(ROWS / verifySeconds) },
    ];

    // Write path: what sealing costs. bench_plain is hazard_history's shape without the chain.
    await owner.query('create table bench_plain (like hazard_history including defaults including indexes)');
    for (const writers of [1, 8]) {
      const per = writers === 1 ? 1000 : 300;
      const plain = await writeRate(ds, writers, per, false, `p${writers}`);
      const sealed = await writeRate(ds, writers, per, true, `s${writers}`);
      console.log(
        `write path, ${writers} concurrent writer(s): plain insert ${fmt(plain)} rows/s, sealed append ${fmt(sealed)} rows/s (${((sealed / plain) * 100).toFixed(0)}%)`,
      );
      rows.push({
        what: `write: plain insert, ${writers} writer(s)`,
        rows: writers * per,
        seconds: +((writers * per) / plain).toFixed(2),
        rowsPerSecond: Math.round(plain),
      });
      rows.push({
        what: `write: sealed append, ${writers} writer(s)`,
        rows: writers * per,
        seconds: +((writers * per) / sealed).toFixed(2),
        rowsPerSecond: Math.round(sealed),
      });
    }
    writeReport('archive-verify', rows, { fillSeconds });
    const after = await verifier.verify({ chains: ['hazard_history'] });
    if (!after.intact) throw new Error('chain broken after the write benchmark');
    await ds.destroy();
    await owner.destroy();
  } finally {
    await pg.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
