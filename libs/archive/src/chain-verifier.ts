import type { DataSource, QueryRunner } from 'typeorm';
import { readAnchorFile, type AnchorEntry } from './anchor';
import type { ArchiveKey } from './archive-key';
import { canonicalSql, chainByName, ChainDefinition, CHAINS, GENESIS_HMAC, sealMessage } from './chain-definitions';
import { checkpointMac } from './checkpoint';

export type BreakKind = 'changed' | 'deleted' | 'inserted' | 'reordered';

/** The first place where a chain is broken. */
export interface ChainBreak {
  kind: BreakKind;
  /** Chain position of the broken row (for 'deleted': the first missing position); null when unknown. */
  chainSeq: number | null;
  /** The row found broken ('deleted': the row after the gap, if any). */
  rowId: string | null;
  message: string;
  messageEn: string;
}

export interface ChainReport {
  chain: string;
  intact: boolean;
  /** Rows verified (after the last purge checkpoint). */
  rows: number;
  /** Positions covered: the first after the last purge, and the last verified. */
  fromSeq: number;
  toSeq: number;
  purgedThroughSeq: number;
  anchorsChecked: number;
  firstBreak?: ChainBreak;
}

export interface ArchiveReport {
  intact: boolean;
  checkedAt: string;
  seconds: number;
  chains: ChainReport[];
  anchorFile: string | null;
  /** Anchor lines that could not be used (forged, damaged, another key); reported, not fatal. */
  anchorProblems: { line: number; reason: string }[];
}

export interface VerifyOptions {
  chains?: string[];
  anchorFile?: string | null;
  batchSize?: number;
}

interface Row {
  chain_seq: string;
  id: string;
  prev_hmac: string | null;
  row_hmac: string | null;
  canonical: string;
}

/**
 * Walks each chain in position order inside one REPEATABLE READ snapshot (so the heads, the
 * checkpoints and the rows agree even while writers append) and stops at the first broken row.
 */
export class ChainVerifier {
  constructor(
    private readonly ds: DataSource,
    private readonly key: ArchiveKey,
  ) {}

  async verify(o: VerifyOptions = {}): Promise<ArchiveReport> {
    const t0 = Date.now();
    const chains = o.chains?.length ? o.chains.map(chainByName) : CHAINS;
    const anchor = o.anchorFile ? readAnchorFile(o.anchorFile, this.key) : { entries: [], badLines: [] };
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    const reports: ChainReport[] = [];
    try {
      await qr.startTransaction('REPEATABLE READ');
      await qr.query('set transaction read only');
      for (const chain of chains) {
        reports.push(
          await this.verifyChain(
            qr,
            chain,
            anchor.entries.filter((e) => e.chain === chain.name),
            o.batchSize ?? 5000,
          ),
        );
      }
      await qr.commitTransaction();
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
    return {
      intact: reports.every((r) => r.intact),
      checkedAt: new Date().toISOString(),
      seconds: (Date.now() - t0) / 1000,
      chains: reports,
      anchorFile: o.anchorFile ?? null,
      anchorProblems: anchor.badLines,
    };
  }

  private async verifyChain(qr: QueryRunner, chain: ChainDefinition, anchors: AnchorEntry[], batchSize: number): Promise<ChainReport> {
    const t = chain.table;
    const [head]: { seq: string; hmac: string }[] = await qr.query(
      'select seq::text as seq, hmac from archive_chain_heads where chain = $1',
      [chain.name],
    );
    const headSeq = head ? Number(head.seq) : 0;
    const [cp]: { through_seq: string; through_hmac: string; cutoff: Date; mac: string }[] = await qr.query(
      'select c.through_seq::text as through_seq, c.through_hmac, c.cutoff, c.mac from archive_checkpoints c where c.chain = $1 order by c.through_seq desc limit 1',
      [chain.name],
    );
    const start = cp ? Number(cp.through_seq) : 0;
    const report: ChainReport = {
      chain: chain.name,
      intact: true,
      rows: 0,
      fromSeq: start + 1,
      toSeq: start,
      purgedThroughSeq: start,
      anchorsChecked: 0,
    };
    const broken = (b: ChainBreak) => ({ ...report, intact: false, firstBreak: b });

    if (cp && !this.key.equals(checkpointMac(this.key, chain.name, start, cp.through_hmac, cp.cutoff), cp.mac)) {
      return broken({
        kind: 'changed',
        chainSeq: start,
        rowId: null,
        message: `清理检查点（至第 ${start} 条）与其签名不符：检查点被篡改。`,
        messageEn: `The purge checkpoint (through position ${start}) does not match its HMAC: it was altered or forged.`,
      });
    }
    const anchored = new Map<number, AnchorEntry>();
    for (const a of anchors) if (a.kind === 'head' && a.seq > start) anchored.set(a.seq, a);

    const canonical = canonicalSql(chain, (c) => c.name);
    const select = `select chain_seq::text as chain_seq, id::text as id, prev_hmac, row_hmac, ${canonical} as canonical from ${t} r`;
    let prev = cp ? cp.through_hmac : GENESIS_HMAC;
    let expected = start + 1;
    let after = start;
    let pending: Row[] = [];
    const nextRow = async (i: number): Promise<Row | undefined> => {
      if (i + 1 < pending.length) return pending[i + 1];
      const [r]: Row[] = await qr.query(`${select} where r.chain_seq > $1 order by r.chain_seq limit 1`, [pending[i].chain_seq]);
      return r;
    };
    for (;;) {
      pending = await qr.query(`${select} where r.chain_seq > $1 order by r.chain_seq limit $2`, [after, batchSize]);
      if (pending.length === 0) break;
      for (let i = 0; i < pending.length; i++) {
        const r = pending[i];
        const seq = Number(r.chain_seq);
        const selfOk = !!r.row_hmac && r.row_hmac === this.key.mac(...sealMessage(chain.name, r.prev_hmac ?? '', r.canonical));
        const linkOk = r.prev_hmac === prev;
        if (!selfOk) return broken(await this.classifyUnsealed(r, seq, headSeq, prev, await nextRow(i)));
        if (!linkOk) return broken(await this.classifyRelinked(qr, t, r, seq, expected));
        if (seq !== expected) {
          return broken({
            kind: 'reordered',
            chainSeq: seq,
            rowId: r.id,
            message: `第 ${seq} 条（记录 ${r.id}）的位置被改动：应为第 ${expected} 条。`,
            messageEn: `Row ${r.id} was moved: it sits at position ${seq} but was sealed at position ${expected}.`,
          });
        }
        const a = anchored.get(seq);
        if (a) {
          report.anchorsChecked++;
          if (a.hmac !== r.row_hmac) {
            return broken({
              kind: 'changed',
              chainSeq: seq,
              rowId: r.id,
              message: `第 ${seq} 条（记录 ${r.id}）与 ${a.at} 的外部锚点不符：该位置的记录被替换。`,
              messageEn: `Row ${r.id} at position ${seq} differs from the anchor written at ${a.at}: the row at that position was replaced.`,
            });
          }
        }
        prev = r.row_hmac!;
        expected = seq + 1;
        report.rows++;
        report.toSeq = seq;
      }
      after = Number(pending[pending.length - 1].chain_seq);
    }

    // Rows outside the chain: no seal at all, or at positions already purged.
    const [stray]: { id: string; chain_seq: string | null }[] = await qr.query(
      `select r.id::text as id, r.chain_seq::text as chain_seq from ${t} r where r.chain_seq is null or r.chain_seq <= $1 order by r.id limit 1`,
      [start],
    );
    if (stray) {
      return broken({
        kind: 'inserted',
        chainSeq: stray.chain_seq === null ? null : Number(stray.chain_seq),
        rowId: stray.id,
        message: `记录 ${stray.id} 不在哈希链中（无封存值）：被直接插入。`,
        messageEn: `Row ${stray.id} is not part of the chain (no seal): it was inserted behind the application's back.`,
      });
    }
    // The newest rows cut off: the head (in the database) or an anchor (outside it) goes further.
    const lastSeq = expected - 1;
    const maxAnchor = [...anchored.values()].reduce<AnchorEntry | null>((m, a) => (!m || a.seq > m.seq ? a : m), null);
    if (headSeq > lastSeq || (maxAnchor && maxAnchor.seq > lastSeq)) {
      const upTo = Math.max(headSeq, maxAnchor?.seq ?? 0);
      const by = headSeq > lastSeq ? '链头记录' : `外部锚点（${maxAnchor!.at}）`;
      const byEn = headSeq > lastSeq ? 'the chain head' : `the anchor written at ${maxAnchor!.at}`;
      return broken({
        kind: 'deleted',
        chainSeq: lastSeq + 1,
        rowId: null,
        message: `第 ${lastSeq + 1}–${upTo} 条记录缺失（${by}显示链已到第 ${upTo} 条）：最新记录被删除。`,
        messageEn: `Rows at positions ${lastSeq + 1}–${upTo} are missing (${byEn} records the chain up to ${upTo}): the newest rows were deleted.`,
      });
    }
    if (head && headSeq === lastSeq && head.hmac !== prev) {
      return broken({
        kind: 'changed',
        chainSeq: lastSeq,
        rowId: null,
        message: '链头与最后一条记录不符：链头被改动。',
        messageEn: 'The chain head does not match the last row: the head was altered.',
      });
    }
    return report;
  }

  /** A row whose seal does not match its content. */
  private async classifyUnsealed(r: Row, seq: number, headSeq: number, prev: string, next: Row | undefined): Promise<ChainBreak> {
    const inserted = (why: string, whyEn: string): ChainBreak => ({
      kind: 'inserted',
      chainSeq: seq,
      rowId: r.id,
      message: `第 ${seq} 条（记录 ${r.id}）是插入的：${why}。`,
      messageEn: `Row ${r.id} at position ${seq} was inserted: ${whyEn}.`,
    });
    if (seq > headSeq) return inserted('位于链头之后且没有有效封存值', 'it lies beyond the chain head and has no valid seal');
    if (next && next.prev_hmac === prev && next.prev_hmac !== r.row_hmac)
      return inserted('链从前一条直接接到下一条，跳过了它', 'the chain links the row before it straight to the row after it');
    return {
      kind: 'changed',
      chainSeq: seq,
      rowId: r.id,
      message: `第 ${seq} 条（记录 ${r.id}）的内容与其封存值不符：记录被修改。`,
      messageEn: `Row ${r.id} at position ${seq} does not match its seal: it was changed after it was written.`,
    };
  }

  /** A row that is intact in itself but does not follow the row before it. */
  private async classifyRelinked(qr: QueryRunner, table: string, r: Row, seq: number, expected: number): Promise<ChainBreak> {
    const [pred]: { id: string; chain_seq: string }[] = await qr.query(
      `select id::text as id, chain_seq::text as chain_seq from ${table} where row_hmac = $1 limit 1`,
      [r.prev_hmac],
    );
    if (pred) {
      return {
        kind: 'reordered',
        chainSeq: seq,
        rowId: r.id,
        message: `第 ${seq} 条（记录 ${r.id}）顺序被调换：它原本紧跟在记录 ${pred.id}（现为第 ${pred.chain_seq} 条）之后。`,
        messageEn: `Row ${r.id} at position ${seq} is out of order: it was sealed right after row ${pred.id} (now at position ${pred.chain_seq}).`,
      };
    }
    const missing = seq > expected ? `${expected}–${seq - 1}` : `${expected}`;
    return {
      kind: 'deleted',
      chainSeq: expected,
      rowId: r.id,
      message: `第 ${missing} 条记录缺失：记录 ${r.id}（第 ${seq} 条）之前的记录被删除。`,
      messageEn: `Rows at position ${missing} are missing: the row(s) before row ${r.id} (position ${seq}) were deleted.`,
    };
  }
}
