import type { DataSource } from 'typeorm';
import { anchorEntry, appendAnchorEntries } from './anchor';
import type { ArchiveKey } from './archive-key';
import { ChainAppender } from './chain-appender';
import { AUDIT_CHAIN, chainByName, RETENTION_MONTHS } from './chain-definitions';
import { ChainVerifier } from './chain-verifier';
import { checkpointMac } from './checkpoint';

/** The earliest cutoff that retention allows now: rows younger than 12 months stay. */
export function latestAllowedCutoff(now = new Date()): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - RETENTION_MONTHS);
  return d;
}

export class RetentionRefused extends Error {}

export interface PurgeResult {
  chain: string;
  cutoff: string;
  purgedRows: number;
  throughSeq: number | null;
  throughHmac: string | null;
  auditRowId: string | null;
}

/**
 * Purging is the only way rows leave a chain: the oldest rows, all older than `cutoff`, which
 * must itself be at least 12 months ago. The database function `archive_purge` checks the same
 * rule again, deletes the prefix, and leaves a checkpoint (position and hash of the last purged
 * row, with an HMAC) from which the verifier starts; the purge is recorded in the audit log and
 * appended to the anchor file. A broken chain is not purged: that would destroy the evidence.
 */
export async function purgeChain(
  ds: DataSource,
  key: ArchiveKey,
  o: { chain: string; cutoff: Date; actor: { userId: string; username: string }; anchorFile?: string | null; sourceIp?: string | null },
): Promise<PurgeResult> {
  const chain = chainByName(o.chain);
  const cutoff = new Date(Math.floor(o.cutoff.getTime()));
  if (Number.isNaN(cutoff.getTime())) throw new RetentionRefused('清理截止时间无效 / the cutoff is not a date');
  if (cutoff.getTime() > latestAllowedCutoff().getTime()) {
    throw new RetentionRefused(
      `拒绝清理：记录至少保存 ${RETENTION_MONTHS} 个月，截止时间须早于 ${latestAllowedCutoff().toISOString()} / ` +
        `refused: records are kept at least ${RETENTION_MONTHS} months; the cutoff must be before ${latestAllowedCutoff().toISOString()}`,
    );
  }
  const report = await new ChainVerifier(ds, key).verify({ chains: [chain.name], anchorFile: o.anchorFile ?? null });
  if (!report.intact) {
    throw new RetentionRefused(
      `拒绝清理：哈希链已损坏（${report.chains[0].firstBreak?.message}） / refused: the chain is broken (${report.chains[0].firstBreak?.messageEn})`,
    );
  }
  const appender = new ChainAppender(key);
  const result = await ds.transaction(async (m) => {
    // The last row of the prefix that is entirely older than the cutoff.
    const [last]: { chain_seq: string; row_hmac: string }[] = await m.query(
      `select r.chain_seq::text as chain_seq, r.row_hmac from ${chain.table} r
       where r.chain_seq is not null
         and r.chain_seq < coalesce((select min(y.chain_seq) from ${chain.table} y where y.chain_seq is not null and y.${chain.timeColumn} >= $1), 9223372036854775807)
       order by r.chain_seq desc limit 1`,
      [cutoff],
    );
    let purgedRows = 0;
    if (last) {
      const throughSeq = Number(last.chain_seq);
      const [r]: { n: string }[] = await m.query('select archive_purge($1, $2, $3, $4, $5)::text as n', [
        chain.name,
        cutoff,
        throughSeq,
        last.row_hmac,
        checkpointMac(key, chain.name, throughSeq, last.row_hmac, cutoff),
      ]);
      purgedRows = Number(r.n);
    }
    const audit = await appender.append(m, AUDIT_CHAIN, {
      user_id: o.actor.userId,
      username: o.actor.username,
      event_type: 'archive.purge',
      object_type: 'archive_chain',
      object_id: chain.name,
      result: 'success',
      http_status: null,
      source_ip: o.sourceIp ?? null,
      request_id: null,
      detail: {
        cutoff: cutoff.toISOString(),
        purgedRows,
        throughSeq: last ? Number(last.chain_seq) : null,
        throughHmac: last?.row_hmac ?? null,
      },
    });
    return {
      chain: chain.name,
      cutoff: cutoff.toISOString(),
      purgedRows,
      throughSeq: last ? Number(last.chain_seq) : null,
      throughHmac: last?.row_hmac ?? null,
      auditRowId: audit?.id ?? null,
    };
  });
  if (o.anchorFile && result.throughSeq !== null) {
    await appendAnchorEntries(o.anchorFile, [anchorEntry(key, 'purge', chain.name, result.throughSeq, result.throughHmac!)]);
  }
  return result;
}
