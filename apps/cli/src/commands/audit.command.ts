import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { writeAnchor } from '@hazards/archive/anchor';
import { anchorFileFromEnv, ArchiveKey } from '@hazards/archive/archive-key';
import { chainByName, CHAINS } from '@hazards/archive/chain-definitions';
import { ArchiveReport, ChainVerifier } from '@hazards/archive/chain-verifier';
import { purgeChain, RetentionRefused } from '@hazards/archive/retention';
import { CliCommand, cliCommandGroup } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';

type AuditOptions = { chain?: string; anchor?: string; json?: boolean; before?: string };

/** The options the audit commands share. */
abstract class AuditCommand extends CliCommand {
  // A property, not a constructor parameter: the subclasses declare no constructor of their own.
  @Inject(CliDatabase) protected readonly db!: CliDatabase;

  @Option({ flags: '--anchor <file>', description: '锚点文件 / the anchor file (default ARCHIVE_ANCHOR_FILE)' })
  anchor(v: string) {
    return v;
  }

  protected anchorFile(options: AuditOptions): string {
    return resolve(options.anchor ?? anchorFileFromEnv());
  }
}

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
@SubCommand({ name: 'verify', description: '校验哈希链 / verify the history and audit hash chains (exit 1 if broken)' })
export class AuditVerifyCommand extends AuditCommand {
  readonly usage = 'audit verify [--chain NAME] [--anchor FILE] [--json]';

  @Option({ flags: '--chain <name>', description: CHAINS.map((c) => c.name).join(' | ') })
  chain(v: string) {
    return v;
  }

  @Option({ flags: '--json', description: '以 JSON 输出 / print the report as JSON' })
  json() {
    return true;
  }

  async execute(_params: string[], options: AuditOptions) {
    const chains = options.chain ? [chainByName(options.chain).name] : undefined;
    const ds = await this.db.open();
    const report = await new ChainVerifier(ds, ArchiveKey.fromEnv()).verify({ chains, anchorFile: this.anchorFile(options) });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.intact ? 0 : 1;
  }
}

/** `audit anchor [--anchor FILE]`: writes the chain heads to the anchor file now. */
@SubCommand({ name: 'anchor', description: '写入链头锚点 / write the chain heads to the anchor file (outside the database)' })
export class AuditAnchorCommand extends AuditCommand {
  readonly usage = 'audit anchor [--anchor FILE]';

  async execute(_params: string[], options: AuditOptions) {
    const file = this.anchorFile(options);
    const entries = await writeAnchor(await this.db.open(), ArchiveKey.fromEnv(), file);
    for (const e of entries) console.log(`${e.chain}: position ${e.seq} ${e.hmac.slice(0, 16)}… anchored in ${file}`);
    return 0;
  }
}

/** `audit purge --chain NAME --before DATE`: deletes rows older than DATE (at least 12 months ago), recorded. */
@SubCommand({
  name: 'purge',
  description: '清理超过保存期限的记录 / purge rows older than a date at least 12 months ago (recorded, anchored)',
})
export class AuditPurgeCommand extends AuditCommand {
  readonly usage = `audit purge --chain ${CHAINS.map((c) => c.name).join('|')} --before YYYY-MM-DD`;

  @Option({ flags: '--chain <name>', description: CHAINS.map((c) => c.name).join(' | ') })
  chain(v: string) {
    return v;
  }

  @Option({ flags: '--before <date>', description: 'YYYY-MM-DD, at least 12 months ago' })
  before(v: string) {
    return v;
  }

  async execute(_params: string[], options: AuditOptions) {
    if (!options.chain || !options.before) return this.usageError();
    const ds = await this.db.open();
    try {
      const os = userInfo().username;
      const r = await purgeChain(ds, ArchiveKey.fromEnv(), {
        chain: options.chain,
        cutoff: new Date(options.before),
        actor: { userId: 'system:cli', username: os },
        anchorFile: this.anchorFile(options),
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
    }
  }
}

/** `audit verify | anchor | purge`: the archive's hash chains (建档备案). */
export const AuditCommands = cliCommandGroup(
  'audit',
  '档案哈希链 / the archive hash chains',
  [AuditVerifyCommand, AuditAnchorCommand, AuditPurgeCommand],
  'audit verify | anchor | purge',
);
