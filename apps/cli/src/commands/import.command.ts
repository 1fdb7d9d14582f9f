import { copyFileSync, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'nest-commander';
import { toActor } from '@hazards/access/auth-user';
import { cliSettings } from '@hazards/config/environment.schema';
import { startLifecycle } from '@hazards/hazards/hazard-registration';
import { HazardImportRunner, type ImportScope } from '@hazards/imports/hazard-import.runner';
import { importErrorReport, importProblems } from '@hazards/imports/import-report';
import { ImportsRepository } from '@hazards/persistence/imports/imports.repository';
import { CliCommand } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';
import { CliTemporal } from '../runtime/cli-temporal';
import { CliUsers } from '../runtime/cli-users';
import { currentPolicy } from '../runtime/current-policy';
import { progressBar } from '../runtime/progress-bar';

/**
 * `import FILE [--user USERNAME]`: the same import as POST /imports, run here against PostgreSQL
 * and Temporal (DATABASE_URL, TEMPORAL_ADDRESS), with a progress bar. Without --user it imports
 * as the system for any enterprise; with it, only for that user's reach. Rows that were not
 * registered are printed and written to FILE.errors.xlsx. Exit code 0 when every row is in.
 */
@Command({
  name: 'import',
  arguments: '[file]',
  description: '批量导入隐患 / import hazards from an .xlsx (template: GET /imports/template)',
})
export class ImportCommand extends CliCommand {
  readonly usage = 'import FILE [--user USERNAME] [--concurrency N]';

  constructor(
    private readonly db: CliDatabase,
    private readonly temporalClient: CliTemporal,
    private readonly users: CliUsers,
  ) {
    super();
  }

  @Option({ flags: '--user <username>', description: '以该用户的权限导入 / import within this user’s reach' })
  user(v: string) {
    return v;
  }

  @Option({ flags: '--concurrency <n>', description: '并发登记数 / rows registered at once (default IMPORT_CONCURRENCY or 8)' })
  concurrency(v: string) {
    return v;
  }

  async execute(params: string[], options: { user?: string; concurrency?: string }) {
    const file = params[0];
    if (!file || !existsSync(file)) return this.usageError(file ? `\n文件不存在 / no such file: ${file}` : '');
    const ds = await this.db.open();
    const temporal = await this.temporalClient.open();
    const user = options.user ? await this.users.resolve(options.user) : null;
    const scope: ImportScope = user
      ? {
          actor: toActor(user),
          reachPath: user.role === 'enterprise' ? null : user.jurisdictionPath,
          enterpriseId: user.role === 'enterprise' ? user.enterpriseId : null,
        }
      : {
          actor: { userId: 'cli-import', role: 'system', name: '批量导入（命令行）/ bulk import (CLI)' },
          reachPath: null,
          enterpriseId: null,
          everywhere: true,
        };
    const settings = cliSettings();
    const runner = new HazardImportRunner(ds, { start: (h) => startLifecycle(temporal.client, temporal.taskQueue, h) }, currentPolicy(), {
      concurrency: Number(options.concurrency ?? settings.IMPORT_CONCURRENCY),
      maxRows: settings.IMPORT_MAX_ROWS,
    });
    // The job keeps its own copy, as the API's does.
    const dir = resolve(settings.IMPORT_DIR);
    mkdirSync(dir, { recursive: true });
    const id = await runner.createJob(resolve(file), basename(file), user?.id ?? 'cli-import', scope.actor);
    const stored = join(dir, `${id}.xlsx`);
    copyFileSync(file, stored);
    const imports = new ImportsRepository(ds);
    await imports.setStoredPath(id, stored);
    const bar = progressBar('导入 / import');
    const p = await runner.run(id, stored, scope, (x) =>
      bar.update(x.done, x.total, `登记 ${x.registered} · 已存在 ${x.alreadyRegistered} · 错误 ${x.invalid + x.failed}`),
    );
    bar.end();
    if (p.status === 'failed') {
      const job = (await imports.record(id))!;
      console.error(`导入失败 / import failed: ${job.file_errors.map((e) => e.reason).join('；') || job.error}`);
      return 1;
    }
    console.log(
      `导入 ${id}：共 ${p.total} 行，新登记 ${p.registered}，此前已登记 ${p.alreadyRegistered}，有误 ${p.invalid}，登记失败 ${p.failed}`,
    );
    console.log(
      `import ${id}: ${p.total} rows, ${p.registered} registered, ${p.alreadyRegistered} already registered, ${p.invalid} invalid, ${p.failed} failed`,
    );
    if (p.invalid + p.failed > 0) {
      for (const e of await importProblems(ds, id, 20))
        console.log(`  第${e.row}行 row ${e.row}${e.column ? ` 「${e.column}」` : ''}: ${e.reason}`);
      const out = `${file.replace(/\.xlsx$/i, '')}.errors.xlsx`;
      const { stream } = importErrorReport(ds, id);
      await pipeline(stream, createWriteStream(out));
      console.log(`错误报告 / error report: ${out}`);
      return 1;
    }
    return 0;
  }
}
