import { mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config/src';
import { TemporalClientService } from '../../../../libs/temporal/src/temporal-client.module';
import { toActor, type AuthUser } from '../auth/auth-user';
import { ApiException, forbidden, notFound } from '../common/api-error';
import { startLifecycle } from '../hazards/hazard-registration';
import { PolicyProvider } from '../hazards/policy.provider';
import { HazardImportRunner, type ImportProgress, type ImportScope } from './hazard-import.runner';
import { importErrorReport, importProblems } from './import-report';

/** Runs imports inside the API: the upload is stored, the job runs in the background, progress is polled. */
@Injectable()
export class HazardImportService {
  private readonly log = new Logger(HazardImportService.name);
  readonly runner: HazardImportRunner;
  readonly dir: string;
  private readonly running = new Map<string, Promise<ImportProgress>>();

  constructor(private readonly ds: DataSource, temporal: TemporalClientService, policy: PolicyProvider, @Inject(AppConfig) config: AppConfig) {
    this.dir = resolve(config.get('IMPORT_DIR', { infer: true }));
    mkdirSync(this.dir, { recursive: true });
    this.runner = new HazardImportRunner(ds, { start: (h) => startLifecycle(temporal.client, temporal.taskQueue, h) }, policy.current, {
      concurrency: config.get('IMPORT_CONCURRENCY', { infer: true }), maxRows: config.get('IMPORT_MAX_ROWS', { infer: true }),
    });
  }

  /** Stores the uploaded file under the job's id and starts the job; answers at once with its id. */
  async start(user: AuthUser, upload: { path: string; originalname: string }): Promise<ImportProgress> {
    const scope = scopeOf(user);
    const id = await this.runner.createJob(upload.path, decodeName(upload.originalname), user.id, scope.actor);
    const stored = join(this.dir, `${id}.xlsx`);
    renameSync(upload.path, stored);
    await this.ds.query('update hazard_imports set stored_path = $2 where id = $1', [id, stored]);
    const run = this.runner.run(id, stored, scope).finally(() => this.running.delete(id));
    run.catch((err) => this.log.error(`import ${id}: ${err instanceof Error ? err.message : err}`));
    this.running.set(id, run);
    return (await this.runner.progress(id))!;
  }

  /** Waits for a job this process runs (tests, the CLI over HTTP use polling instead). */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  async status(user: AuthUser, id: string) {
    await this.own(user, id);
    const p = await this.runner.progress(id);
    const [job]: { file_name: string; file_errors: unknown[]; error: string | null; created_at: Date; finished_at: Date | null }[] = await this.ds.query(
      'select file_name, file_errors, error, created_at, finished_at from hazard_imports where id = $1', [id]);
    return { ...p, fileName: job.file_name, fileErrors: job.file_errors, error: job.error, createdAt: job.created_at, finishedAt: job.finished_at };
  }

  async problems(user: AuthUser, id: string, afterRow = 0) {
    await this.own(user, id);
    return importProblems(this.ds, id, 1000, afterRow);
  }

  async errorReport(user: AuthUser, id: string) {
    await this.own(user, id);
    return importErrorReport(this.ds, id);
  }

  async list(user: AuthUser) {
    return this.ds.query(
      `select id, file_name as "fileName", status, phase, total_rows as total, rows_done as done, registered_rows as registered,
              already_registered_rows as "alreadyRegistered", invalid_rows as invalid, created_at as "createdAt", finished_at as "finishedAt"
         from hazard_imports where ($1::text is null or uploaded_by = $1) order by created_at desc limit 50`, [user.role === 'admin' ? null : user.id]);
  }

  private async own(user: AuthUser, id: string): Promise<void> {
    const rows: { uploaded_by: string }[] = await this.ds.query('select uploaded_by from hazard_imports where id = $1', [id]);
    if (!rows[0] || (user.role !== 'admin' && rows[0].uploaded_by !== user.id)) throw notFound('import');
  }
}

/** Whom an API import may register hazards for: the same rule as reporting one (mayReportFor). */
export function scopeOf(user: AuthUser): ImportScope {
  const actor = toActor(user);
  if (user.role === 'enterprise' && user.enterpriseId) return { actor, reachPath: null, enterpriseId: user.enterpriseId };
  if ((user.role === 'supervisor' || user.role === 'grid_inspector') && user.jurisdictionPath) return { actor, reachPath: user.jurisdictionPath, enterpriseId: null };
  throw forbidden('您的角色不能导入隐患。', `Your role (${user.role}) may not import hazards.`);
}

/** Multer gives multipart file names as latin1; browsers send UTF-8. */
const decodeName = (name: string) => {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return /\uFFFD/.test(utf8) ? name : utf8;
};

export const notXlsx = () => new ApiException(415, 'not_xlsx', '请上传 .xlsx 文件（可先下载导入模板）。', 'Upload an .xlsx file (the template is at GET /imports/template).', 'file');
