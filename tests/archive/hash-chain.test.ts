import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../apps/cli/src/cli';
import { writeAnchor } from '@hazards/archive/anchor';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { AUDIT_CHAIN, HISTORY_CHAIN } from '@hazards/archive/chain-definitions';
import { ChainReport, ChainVerifier } from '@hazards/archive/chain-verifier';
import { purgeChain, RetentionRefused } from '@hazards/archive/retention';
import { HazardStepRecorder } from '@hazards/persistence/hazards/hazard-step.recorder';
import { ArchiveDatabase, createArchiveDatabase, syntheticStep } from '@hazards/testing/fixtures/archive-database';

/*
 * The archive's hash chain (建档备案) against an insider: the database superuser changes, deletes,
 * inserts and swaps rows with triggers off, and the verifier names the first broken row each time.
 * The test has a database of its own so that chain positions are deterministic.
 */
const key = ArchiveKey.fromEnv();
const monthsAgo = (m: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - m);
  return d;
};

describe('the archive hash chain', () => {
  let db: ArchiveDatabase;
  let verifier: ChainVerifier;
  let anchorDir: string;
  let anchorFile: string;
  const appender = new ChainAppender(key);
  const OLD_ROWS = 4;
  const HAZARDS = 12;
  const STEPS = 5;

  const historyAt = async (pos: number) =>
    (await db.su.query('select id::text as id, row_to_json(h)::text as json from hazard_history h where chain_seq = $1', [pos]))
      .rows[0] as { id: string; json: string };
  const verifyHistory = async (anchor: string | null = null): Promise<ChainReport> =>
    (await verifier.verify({ chains: ['hazard_history'], anchorFile: anchor })).chains[0];
  const restoreRow = (table: string, json: string) =>
    db.tamper(`insert into ${table} select * from json_populate_record(null::${table}, $1::json)`, [json]);

  /** The CLI in-process, against this test's database; returns its exit code and what it printed. */
  async function cli(command: string[], args: string[]): Promise<{ code: number; out: string }> {
    const saved = { url: process.env.DATABASE_URL, anchor: process.env.ARCHIVE_ANCHOR_FILE };
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
    const err = jest.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
    process.env.DATABASE_URL = db.appUrl;
    process.env.ARCHIVE_ANCHOR_FILE = anchorFile;
    try {
      return { code: await runCli([...command, ...args]), out: lines.join('\n') };
    } finally {
      process.env.DATABASE_URL = saved.url;
      if (saved.anchor === undefined) delete process.env.ARCHIVE_ANCHOR_FILE;
      else process.env.ARCHIVE_ANCHOR_FILE = saved.anchor;
      log.mockRestore();
      err.mockRestore();
    }
  }

  beforeAll(async () => {
    db = await createArchiveDatabase();
    verifier = new ChainVerifier(db.ds, key);
    anchorDir = mkdtempSync(join(tmpdir(), 'archive-anchor-'));
    anchorFile = join(anchorDir, 'anchor.jsonl');
    // The oldest rows date from 14 months ago (as if the system had run that long): the purge test needs them.
    for (let i = 1; i <= OLD_ROWS; i++) {
      const s = syntheticStep('hz-old', i, monthsAgo(14));
      await db.ds.transaction((m) =>
        appender.append(m, HISTORY_CHAIN, {
          hazard_id: s.hazardId,
          seq: s.seq,
          step: s.step,
          actor_id: s.actor.userId,
          actor_role: s.actor.role,
          actor: s.actor,
          at: s.at,
          from_status: s.fromStatus,
          to_status: s.toStatus,
          reason: s.reason ?? null,
          policy_version: s.policyVersion,
          data: s.data,
          recorded_at: monthsAgo(14),
        }),
      );
    }
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('many concurrent writers (the worker recording steps, the API auditing) append to one gap-free chain', async () => {
    const recorder = new HazardStepRecorder(db.ds, key);
    const byHazard = Array.from({ length: HAZARDS }, (_, h) => Array.from({ length: STEPS }, (_, s) => syntheticStep(`hz-${h}`, s + 1)));
    const steps = byHazard.flat();
    // Every hazard at once, each step twice at once: an activity retried while its first attempt still runs writes
    // once. A hazard's own steps go in their order, as its workflow writes them (the recorder keeps them in order), so
    // HAZARDS × 2 writers race for the chain head at a time.
    const results = (
      await Promise.all(
        byHazard.map(async (own) => {
          const out = [];
          for (const s of own) out.push(...(await Promise.all([recorder.record(s), recorder.record(s)])));
          return out;
        }),
      )
    ).flat();
    expect(results.filter((r) => r.applied)).toHaveLength(steps.length);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appender.appendAlone(db.ds, AUDIT_CHAIN, {
          user_id: `user-${i}`,
          username: `用户${i}`,
          event_type: 'login',
          object_type: null,
          object_id: null,
          result: i % 4 ? 'success' : 'refused',
          http_status: 200,
          source_ip: '127.0.0.1',
          request_id: `req-${i}`,
          detail: { i },
        }),
      ),
    );

    const seqs: { chain_seq: string }[] = (
      await db.su.query('select chain_seq::text from hazard_history order by hazard_history.chain_seq')
    ).rows;
    expect(seqs.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: OLD_ROWS + HAZARDS * STEPS }, (_, i) => i + 1));
    const report = await verifier.verify();
    expect(report.intact).toBe(true);
    expect(report.chains.map((c) => [c.chain, c.rows])).toEqual([
      ['hazard_history', OLD_ROWS + HAZARDS * STEPS],
      ['audit_log', 20],
    ]);
  });

  it('`audit verify` reports "intact" with the row count and exits 0', async () => {
    const { code, out } = await cli(['audit', 'verify'], []);
    expect(code).toBe(0);
    expect(out).toContain(`hazard_history: intact 完整 — ${OLD_ROWS + HAZARDS * STEPS} rows`);
    expect(out).toContain('audit_log: intact 完整 — 20 rows');
  });

  it('a row changed by the superuser is named as changed, by the API-side verifier and by the CLI (exit 1)', async () => {
    const row = await historyAt(10);
    await db.tamper(`update hazard_history set data = jsonb_set(data, '{note}', '"报警器正常"') where id = $1`, [row.id]);
    expect(await verifyHistory()).toMatchObject({ intact: false, rows: 9, firstBreak: { kind: 'changed', chainSeq: 10, rowId: row.id } });
    const { code, out } = await cli(['audit', 'verify'], ['--chain', 'hazard_history']);
    expect(code).toBe(1);
    expect(out).toContain(`BROKEN 已损坏 — changed at position 10 (row id ${row.id})`);

    await db.tamper('delete from hazard_history where id = $1', [row.id]);
    await restoreRow('hazard_history', row.json);
    expect((await verifyHistory()).intact).toBe(true);
  });

  it('a deleted row is named as deleted, at its position', async () => {
    const row = await historyAt(20);
    const next = await historyAt(21);
    await db.tamper('delete from hazard_history where id = $1', [row.id]);
    expect(await verifyHistory()).toMatchObject({ intact: false, rows: 19, firstBreak: { kind: 'deleted', chainSeq: 20, rowId: next.id } });
    await restoreRow('hazard_history', row.json);
    expect((await verifyHistory()).intact).toBe(true);
  });

  it('an inserted row is named as inserted', async () => {
    const [ins] = await db.tamper(
      `insert into hazard_history (hazard_id, seq, step, actor_id, actor_role, actor, at, to_status, policy_version, data)
       values ('hz-0', 99, 'closed', 'user-9', 'supervisor', '{"userId":"user-9","role":"supervisor"}', now(), 'closed', 'default-v1', '{}') returning id::text as id`,
    );
    expect(await verifyHistory()).toMatchObject({ intact: false, firstBreak: { kind: 'inserted', rowId: ins.id } });
    await db.tamper('delete from hazard_history where id = $1', [ins.id]);

    // Slipped into the middle with a made-up seal, the rows after it renumbered: still inserted, at its position.
    const before = await historyAt(30);
    await db.tamper('update hazard_history set chain_seq = -chain_seq where chain_seq > 30');
    await db.tamper('update hazard_history set chain_seq = -chain_seq + 1 where chain_seq < -30');
    const [forged] = await db.tamper(
      `insert into hazard_history (hazard_id, seq, step, actor_id, actor_role, actor, at, to_status, policy_version, data, chain_seq, prev_hmac, row_hmac)
       select 'hz-0', 98, 'review.passed', 'user-9', 'supervisor', '{}', now(), 'closed', 'default-v1', '{}', 31, row_hmac, md5(random()::text) || md5(random()::text)
       from hazard_history where id = $1 returning id::text as id`,
      [before.id],
    );
    expect(await verifyHistory()).toMatchObject({
      intact: false,
      rows: 30,
      firstBreak: { kind: 'inserted', chainSeq: 31, rowId: forged.id },
    });
    await db.tamper('delete from hazard_history where id = $1', [forged.id]);
    await db.tamper('update hazard_history set chain_seq = -(chain_seq - 1) where chain_seq > 31');
    await db.tamper('update hazard_history set chain_seq = -chain_seq where chain_seq < 0');
    expect((await verifyHistory()).intact).toBe(true);
  });

  it('two swapped rows are named as reordered, at the first of the two positions', async () => {
    const a = await historyAt(40);
    const b = await historyAt(45);
    await db.tamper('update hazard_history set chain_seq = -1 where id = $1', [a.id]);
    await db.tamper('update hazard_history set chain_seq = 40 where id = $1', [b.id]);
    await db.tamper('update hazard_history set chain_seq = 45 where id = $1', [a.id]);
    expect(await verifyHistory()).toMatchObject({ intact: false, rows: 39, firstBreak: { kind: 'reordered', chainSeq: 40, rowId: b.id } });
    await db.tamper('update hazard_history set chain_seq = -1 where id = $1', [a.id]);
    await db.tamper('update hazard_history set chain_seq = 45 where id = $1', [b.id]);
    await db.tamper('update hazard_history set chain_seq = 40 where id = $1', [a.id]);
    expect((await verifyHistory()).intact).toBe(true);
  });

  it('the newest row deleted with the head rewound is caught by the anchor outside the database', async () => {
    await writeAnchor(db.ds, key, anchorFile);
    const last = OLD_ROWS + HAZARDS * STEPS;
    const row = await historyAt(last);
    const prev = await historyAt(last - 1);
    const head = (await db.su.query(`select seq, hmac from archive_chain_heads where chain = 'hazard_history'`)).rows[0];
    await db.tamper('delete from hazard_history where id = $1', [row.id]);
    // Without the head rewound, the head in the database already tells.
    expect(await verifyHistory()).toMatchObject({ intact: false, firstBreak: { kind: 'deleted', chainSeq: last } });
    await db.tamper(
      `update archive_chain_heads set seq = $1, hmac = (select row_hmac from hazard_history where id = $2) where chain = 'hazard_history'`,
      [last - 1, prev.id],
    );
    expect((await verifyHistory(null)).intact).toBe(true); // what the database alone can show
    expect(await verifyHistory(anchorFile)).toMatchObject({ intact: false, firstBreak: { kind: 'deleted', chainSeq: last } });

    await restoreRow('hazard_history', row.json);
    await db.tamper(`update archive_chain_heads set seq = $1, hmac = $2 where chain = 'hazard_history'`, [head.seq, head.hmac]);
    expect(await verifyHistory(anchorFile)).toMatchObject({ intact: true, anchorsChecked: 1 });
  });

  it('the audit log is chained the same way: a refusal turned into a success is named', async () => {
    const [row] = await db.tamper(
      `select id::text as id, chain_seq::int as pos from audit_log where result = 'refused' order by chain_seq limit 1`,
    );
    await db.tamper(`update audit_log set result = 'success' where id = $1`, [row.id]);
    const report = await verifier.verify();
    expect(report.intact).toBe(false);
    expect(report.chains[0].intact).toBe(true);
    expect(report.chains[1]).toMatchObject({ chain: 'audit_log', firstBreak: { kind: 'changed', chainSeq: row.pos, rowId: row.id } });
    await db.tamper(`update audit_log set result = 'refused' where id = $1`, [row.id]);
    expect((await verifier.verify()).intact).toBe(true);
  });

  it('the application role cannot UPDATE, DELETE or TRUNCATE history or audit rows: permission denied', async () => {
    for (const table of ['hazard_history', 'audit_log', 'archive_checkpoints']) {
      await expect(db.ds.query(`update ${table} set id = id where id = (select min(id) from ${table})`)).rejects.toThrow(
        `permission denied for table ${table}`,
      );
      await expect(db.ds.query(`delete from ${table} where id = (select min(id) from ${table})`)).rejects.toThrow(
        `permission denied for table ${table}`,
      );
      await expect(db.ds.query(`truncate ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
    }
    // Even the schema owner is stopped by the trigger.
    await expect(db.ownerDs.query(`update hazard_history set reason = 'x' where chain_seq = 5`)).rejects.toThrow(/append-only/);
    await expect(db.ownerDs.query('delete from audit_log where chain_seq = 1')).rejects.toThrow(/append-only/);
    await expect(db.ownerDs.query('truncate hazard_history')).rejects.toThrow(/append-only/);
    expect((await verifier.verify()).intact).toBe(true);
  });

  it('a purge of anything younger than 12 months is refused, in the application and in the database', async () => {
    const actor = { userId: 'system:test', username: 'tester' };
    await expect(purgeChain(db.ds, key, { chain: 'hazard_history', cutoff: monthsAgo(11), actor })).rejects.toThrow(RetentionRefused);
    const { code, out } = await cli(['audit', 'purge'], ['--chain', 'audit_log', '--before', monthsAgo(6).toISOString().slice(0, 10)]);
    expect(code).toBe(1);
    expect(out).toMatch(/refused: records are kept at least 12 months/);
    // The database function checks again, whatever the caller claims.
    await expect(db.ds.query('select archive_purge($1, $2, $3, $4, $5)', ['hazard_history', monthsAgo(1), 1, 'x', 'x'])).rejects.toThrow(
      /kept at least 12 months/,
    );
    const young = await historyAt(OLD_ROWS + 1);
    const youngHmac = (await db.su.query('select row_hmac from hazard_history where id = $1', [young.id])).rows[0].row_hmac;
    await expect(
      db.ds.query('select archive_purge($1, $2, $3, $4, $5)', ['hazard_history', monthsAgo(13), OLD_ROWS + 1, youngHmac, 'x']),
    ).rejects.toThrow(/younger than the cutoff/);
    // The flag the purge sets opens nothing for anyone else: the owner still cannot delete a young row.
    await expect(
      db.ownerDs.transaction(async (m) => {
        await m.query(`select set_config('archive.purging', 'hazard_history', true)`);
        await m.query('delete from hazard_history where id = $1', [young.id]);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('purging the rows older than 12 months is recorded, and the chain still verifies from the checkpoint', async () => {
    const result = await purgeChain(db.ds, key, {
      chain: 'hazard_history',
      cutoff: monthsAgo(13),
      actor: { userId: 'system:test', username: 'tester' },
      anchorFile,
    });
    expect(result).toMatchObject({ chain: 'hazard_history', purgedRows: OLD_ROWS, throughSeq: OLD_ROWS });
    expect(Number((await db.su.query(`select count(*) from hazard_history where hazard_id = 'hz-old'`)).rows[0].count)).toBe(0);
    const [audit] = (await db.su.query('select event_type, object_id, detail from audit_log where id = $1', [result.auditRowId])).rows;
    expect(audit).toMatchObject({
      event_type: 'archive.purge',
      object_id: 'hazard_history',
      detail: { purgedRows: OLD_ROWS, throughSeq: OLD_ROWS },
    });

    const report = await verifier.verify({ anchorFile });
    expect(report.intact).toBe(true);
    expect(report.chains[0]).toMatchObject({ rows: HAZARDS * STEPS, fromSeq: OLD_ROWS + 1, purgedThroughSeq: OLD_ROWS });
    expect(report.chains[1].rows).toBe(21);
  });

  it('a forged purge checkpoint (young rows deleted to look purged) is named', async () => {
    const row = await historyAt(OLD_ROWS + 10);
    const hmac = (await db.su.query('select row_hmac from hazard_history where id = $1', [row.id])).rows[0].row_hmac;
    await db.tamper('delete from hazard_history where chain_seq <= $1', [OLD_ROWS + 10]);
    await db.tamper(
      `insert into archive_checkpoints (chain, through_seq, through_hmac, purged_rows, cutoff, mac) values ('hazard_history', $1, $2, 10, now() - interval '13 months', 'forged')`,
      [OLD_ROWS + 10, hmac],
    );
    expect(await verifyHistory()).toMatchObject({ intact: false, firstBreak: { kind: 'changed', chainSeq: OLD_ROWS + 10 } });
  });
});
