import { userInfo } from 'node:os';
import { Option, SubCommand } from 'nest-commander';
import { toActor } from '@hazards/access/auth-user';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { knownPolicies } from '@hazards/domain/policy/known-policies';
import { PolicyMigrationRefused, PolicyMigrator, type PolicyMigrationReport } from '@hazards/policy-migration';
import { CliCommand, cliCommandGroup } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';
import { CliTemporal } from '../runtime/cli-temporal';
import { CliUsers } from '../runtime/cli-users';
import { currentPolicy } from '../runtime/current-policy';

interface MigrateOptions {
  to?: string;
  from?: string;
  jurisdiction?: string;
  dryRun?: boolean;
  reason?: string;
  batchSize?: string;
  user?: string;
}

/**
 * `policy migrate --to VERSION [--from VERSION] [--jurisdiction ID] [--dry-run] [--reason TEXT] [--batch-size N] [--user NAME]`:
 * moves running hazards to a newer policy version (libs/policy-migration does the work). Run the
 * same command again after a stop: it continues the run; after it finished, it finds nothing to do.
 */
@SubCommand({
  name: 'migrate',
  description: '策略迁移 / move running hazards to a newer policy version (batched, resumable, audited; --dry-run counts only)',
})
export class PolicyMigrateCommand extends CliCommand {
  readonly usage =
    'policy migrate --to VERSION [--from VERSION] [--jurisdiction ID] [--dry-run] [--reason TEXT] [--batch-size N] [--user NAME]';

  constructor(
    private readonly db: CliDatabase,
    private readonly temporal: CliTemporal,
    private readonly users: CliUsers,
  ) {
    super();
  }

  @Option({ flags: '--to <version>', description: '目标策略版本 / target policy version' })
  to(v: string) {
    return v;
  }

  @Option({ flags: '--from <version>', description: '只迁移此版本 / only hazards on this version' })
  from(v: string) {
    return v;
  }

  @Option({ flags: '--jurisdiction <id>', description: '辖区 / only under this jurisdiction' })
  jurisdiction(v: string) {
    return v;
  }

  @Option({ flags: '--dry-run', name: 'dryRun', description: '只统计，不改动 / count only, change nothing' })
  dryRun() {
    return true;
  }

  @Option({ flags: '--reason <text>', description: '迁移原因 / why (recorded in the audit log)' })
  reason(v: string) {
    return v;
  }

  @Option({ flags: '--batch-size <n>', name: 'batchSize', description: '每批隐患数 / hazards per batch' })
  batchSize(v: string) {
    return v;
  }

  @Option({ flags: '--user <name>', description: '以此用户执行 / act as this user (default: an administrator)' })
  user(v: string) {
    return v;
  }

  async execute(_params: string[], options: MigrateOptions) {
    if (!options.to) return this.usageError();
    const ds = await this.db.open();
    const temporal = await this.temporal.open();
    const user = await this.users.resolve(options.user);
    try {
      const migrator = new PolicyMigrator(ds, temporal.client, ArchiveKey.fromEnv(), knownPolicies([currentPolicy()]));
      const report = await migrator.run(
        {
          to: options.to,
          from: options.from ?? null,
          jurisdictionId: options.jurisdiction ?? null,
          dryRun: options.dryRun === true,
          reason: options.reason ?? null,
          batchSize: options.batchSize ? Number(options.batchSize) : undefined,
        },
        { actor: toActor(user), username: options.user ? user.username : `cli:${userInfo().username}`, via: 'cli' },
        (done) => process.stderr.write(`已处理 / done ${done}\n`),
      );
      printReport(report);
      return 0;
    } catch (err) {
      if (!(err instanceof PolicyMigrationRefused)) throw err;
      console.error(`策略迁移被拒绝，未作任何改动 / the migration was refused; nothing changed: ${err.field}: ${err.zh} / ${err.en}`);
      return 1;
    }
  }
}

/** `policy migrate`: policy versions of running hazards. */
export const PolicyCommands = cliCommandGroup(
  'policy',
  '策略版本 / policy versions of running hazards',
  [PolicyMigrateCommand],
  'policy migrate --to VERSION',
);

function printReport(r: PolicyMigrationReport): void {
  const scope = `${r.fromVersions.join(', ') || '—'} → ${r.toVersion}${r.jurisdictionId ? `，辖区 / under ${r.jurisdictionId}` : ''}`;
  if (r.wouldMigrate) {
    console.log(`试运行，未作改动 / dry run, nothing changed: ${scope}`);
    console.log(`将迁移在办隐患 / running hazards that would move: ${r.wouldMigrate.total}`);
    for (const v of r.wouldMigrate.byVersion) console.log(`  ${v.version}  ${v.status.padEnd(16)} ${v.count}`);
    if (r.wouldMigrate.sample.length) console.log(`  例 / e.g. ${r.wouldMigrate.sample.join(', ')}`);
    return;
  }
  const c = r.counts!;
  console.log(`策略迁移 ${r.migrationId}${r.resumed ? '（续跑 / resumed）' : ''}: ${scope}`);
  console.log(
    `  选中 / selected ${c.selected}  已迁移 / migrated ${c.migrated}  已是目标版本 / already current ${c.already_current}  已办结 / closed ${c.closed}  被拒 / refused ${c.refused}`,
  );
}
