import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { writeAnchor } from '@hazards/archive/anchor';
import { anchorFileFromEnv, ArchiveKey } from '@hazards/archive/archive-key';
import { chainByName, CHAINS } from '@hazards/archive/chain-definitions';
import { ArchiveReport, ChainVerifier } from '@hazards/archive/chain-verifier';
import { purgeChain, RetentionRefused } from '@hazards/archive/retention';
import type { CliCommand } from '../cli-command';
import { openDatabase, parseArgs } from './cli-context';

/** The report as people read it: one line per chain, then the first break in zh-CN and English. */
export function formatReport(r: ArchiveReport): string {
  const lines: string[] = [];
  for (const c of r.chains) {
    const range = c.rows ? `positions ${c.fromSeq}–${c.toSeq}` : 'no rows';
    const purged = c.purgedThroughSeq ? `, purged through ${c.purgedThroughSeq}` : '';
    if (c.intact) {
      lines.push(`${c.chain}: intact 完整 — ${c.rows} rows (${range}${purged}; ${c.anchorsChecked} anchors checked)`);
    } else {
      const b = c.firstBreak!;
      lines.push(
        `${c.chain}: BROKEN 已损坏 — ${b.kind} at position ${b.chainSeq ?? '?'}${b.rowId ? ` (row id ${b.rowId})` : ''}; ${c.rows} rows intact before it`,
      );
      lines.push(`  ${b.message}`);
      lines.push(`  ${b.messageEn}`);
    }
  }
  for (const p of r.anchorProblems) lines.push(`anchor file line ${p.line} ignored: ${p.reason}`);
  lines.push(
    r.intact
      ? `intact: ${r.chains.reduce((n, c) => n + c.rows, 0)} rows verified in ${r.seconds.toFixed(1)} s`
      : 'BROKEN: the archive has been tampered with (see above)',
  );
  return lines.join('\n');
}

/** `audit verify [--chain hazard_history|audit_log] [--anchor FILE] [--json]`: exit 0 when intact, 1 when broken. */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: '校验哈希链 / verify the history and audit hash chains (exit 1 if broken)',
  usage: 'audit verify [--chain NAME] [--anchor FILE] [--json]',
  async run(args) {
    const { options } = parseArgs(args);
    const chains = options.chain ? [chainByName(options.chain).name] : undefined;
    const ds = await openDatabase();
    try {
      const report = await new ChainVerifier(ds, ArchiveKey.fromEnv()).verify({
        chains,
        anchorFile: resolve(options.anchor ?? anchorFileFromEnv()),
      });
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return report.intact ? 0 : 1;
    } finally {
      await ds.destroy();
    }
  },
};

/** `audit anchor [--anchor FILE]`: writes the chain heads to the anchor file now. */
export const auditAnchorCommand: CliCommand = {
  name: 'audit anchor',
  summary: '写入链头锚点 / write the chain heads to the anchor file (outside the database)',
  usage: 'audit anchor [--anchor FILE]',
  async run(args) {
    const { options } = parseArgs(args);
    const file = resolve(options.anchor ?? anchorFileFromEnv());
    const ds = await openDatabase();
    try {
      const entries = await writeAnchor(ds, ArchiveKey.fromEnv(), file);
      for (const e of entries) console.log(`${e.chain}: position ${e.seq} ${e.hmac.slice(0, 16)}… anchored in ${file}`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};

/** `audit purge --chain NAME --before DATE`: deletes rows older than DATE (at least 12 months ago), recorded. */
export const auditPurgeCommand: CliCommand = {
  name: 'audit purge',
  summary: '清理超过保存期限的记录 / purge rows older than a date at least 12 months ago (recorded, anchored)',
  usage: `audit purge --chain ${CHAINS.map((c) => c.name).join('|')} --before YYYY-MM-DD`,
  async run(args) {
    const { options } = parseArgs(args);
    if (!options.chain || !options.before) {
      console.error(`用法 / usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    const ds = await openDatabase();
    try {
      const os = userInfo().username;
      const r = await purgeChain(ds, ArchiveKey.fromEnv(), {
        chain: options.chain,
        cutoff: new Date(options.before),
        actor: { userId: 'system:cli', username: os },
        anchorFile: resolve(options.anchor ?? anchorFileFromEnv()),
      });
      console.log(
        `${r.chain}: purged ${r.purgedRows} rows older than ${r.cutoff}` +
          (r.throughSeq ? ` (through position ${r.throughSeq}); recorded as audit row ${r.auditRowId}` : ''),
      );
      return 0;
    } catch (err) {
      if (err instanceof RetentionRefused) {
        console.error(err.message);
        return 1;
      }
      throw err;
    } finally {
      await ds.destroy();
    }
  },
};
