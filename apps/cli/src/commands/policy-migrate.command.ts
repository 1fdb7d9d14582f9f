import { userInfo } from 'node:os';
import { ArchiveKey } from '../../../../libs/archive/src/archive-key';
import { knownPolicies } from '../../../../libs/domain/src/policy/known-policies';
import { PolicyMigrationRefused, PolicyMigrator, type PolicyMigrationReport } from '../../../../libs/policy-migration/src';
import { toActor } from '../../../api/src/auth/auth-user';
import type { CliCommand } from '../cli-command';
import { cliUser, currentPolicy, openDatabase, openTemporal, parseArgs } from './cli-context';

/**
 * `policy migrate --to VERSION [--from VERSION] [--jurisdiction ID] [--dry-run] [--reason TEXT] [--batch-size N] [--user NAME]`:
 * moves running hazards to a newer policy version (libs/policy-migration does the work). Run the
 * same command again after a stop: it continues the run; after it finished, it finds nothing to do.
 */
export const policyMigrateCommand: CliCommand = {
  name: 'policy migrate',
  summary: '策略迁移 / move running hazards to a newer policy version (batched, resumable, audited; --dry-run counts only)',
  usage: 'policy migrate --to VERSION [--from VERSION] [--jurisdiction ID] [--dry-run] [--reason TEXT] [--batch-size N] [--user NAME]',
  async run(args) {
    const { options } = parseArgs(args);
    if (!options.to || options.to === 'true') {
      console.error(`用法 / usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    const ds = await openDatabase();
    const temporal = await openTemporal();
    try {
      const user = await cliUser(ds, options.user);
      const os = userInfo().username;
      const migrator = new PolicyMigrator(ds, temporal.client, ArchiveKey.fromEnv(), knownPolicies([currentPolicy()]));
      const report = await migrator.run(
        {
          to: options.to, from: options.from ?? null, jurisdictionId: options.jurisdiction ?? null, dryRun: options['dry-run'] === 'true',
          reason: options.reason ?? null, batchSize: options['batch-size'] ? Number(options['batch-size']) : undefined,
        },
        { actor: toActor(user), username: options.user ? user.username : `cli:${os}`, via: 'cli' },
        (done) => process.stderr.write(`已处理 / done ${done}\n`),
      );
      printReport(report);
      return 0;
    } catch (err) {
      if (!(err instanceof PolicyMigrationRefused)) throw err;
      console.error(`策略迁移被拒绝，未作任何改动 / the migration was refused; nothing changed: ${err.field}: ${err.zh} / ${err.en}`);
      return 1;
    } finally {
      await temporal.close();
      await ds.destroy();
    }
  },
};

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
  console.log(`  选中 / selected ${c.selected}  已迁移 / migrated ${c.migrated}  已是目标版本 / already current ${c.already_current}  已办结 / closed ${c.closed}  被拒 / refused ${c.refused}`);
}
