import { copyFileSync, mkdirSync, renameSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hazards/config';
import { IMPORT_JOB, IMPORT_QUEUE, type ImportJobData } from '@hazards/events/queues';
import { createRedis } from '@hazards/events/redis-connection';
import { toActor, type AuthUser } from '@hazards/access/auth-user';
import { ApiException, forbidden, notFound } from '@hazards/api-contract/api-error';
import { printableName } from '../common/nul-bytes';
import { createImportJob, importProgress, type ImportProgress, type ImportScope } from '@hazards/imports/hazard-import.runner';
import { importErrorReport, importProblems } from '@hazards/imports/import-report';
import { ImportsRepository } from '@hazards/persistence/imports/imports.repository';

/**
 * Imports as seen from the API: the upload is stored and queued on `imports`; the importer process
 * (apps/importer) parses and registers it, and progress is polled here. The API never opens a
 * workbook, so no workbook can take its memory.
 */
@Injectable()
export class HazardImportService implements OnApplicationShutdown {
  readonly dir: string;
  private readonly redis: Redis;
  private readonly queue: Queue<ImportJobData>;

  constructor(
    private readonly ds: DataSource,
    private readonly imports: ImportsRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.dir = resolve(config.get('IMPORT_DIR', { infer: true }));
    mkdirSync(this.dir, { recursive: true });
    // Fail fast while Redis is away: the upload answers 503 instead of hanging.
    this.redis = createRedis(config.get('REDIS_URL', { infer: true }), { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.queue = new Queue<ImportJobData>(IMPORT_QUEUE, { connection: this.redis, prefix: config.get('QUEUE_PREFIX', { infer: true }) });
  }

  /** Stores the uploaded file under the job's id and queues the job; answers at once with its id. */
  async start(user: AuthUser, upload: { path: string; originalname: string }): Promise<ImportProgress> {
    const scope = scopeOf(user);
    const id = await createImportJob(this.ds, upload.path, decodeName(upload.originalname), user.id, scope.actor);
    const stored = join(this.dir, `${id}.xlsx`);
    moveFile(upload.path, stored);
    await this.imports.setStoredPath(id, stored);
    const data: ImportJobData = {
      importId: id,
      scope: { actor: { ...scope.actor }, reachPath: scope.reachPath, enterpriseId: scope.enterpriseId },
    };
    await this.queue.add(IMPORT_JOB, data, { jobId: id, attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
    return (await importProgress(this.ds, id))!;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.redis.disconnect();
  }

  async status(user: AuthUser, id: string) {
    await this.own(user, id);
    const p = await importProgress(this.ds, id);
    const job = (await this.imports.record(id))!;
    return {
      ...p,
      fileName: job.file_name,
      fileErrors: job.file_errors,
      error: job.error,
      createdAt: job.created_at,
      finishedAt: job.finished_at,
    };
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
    return this.imports.list(user.role === 'admin' ? null : user.id);
  }

  private async own(user: AuthUser, id: string): Promise<void> {
    const uploadedBy = await this.imports.uploader(id);
    if (uploadedBy === undefined || (user.role !== 'admin' && uploadedBy !== user.id)) throw notFound('import');
  }
}

/** Whom an API import may register hazards for: the same rule as reporting one (mayReportFor). */
export function scopeOf(user: AuthUser): ImportScope {
  const actor = toActor(user);
  if (user.role === 'enterprise' && user.enterpriseId) return { actor, reachPath: null, enterpriseId: user.enterpriseId };
  if ((user.role === 'supervisor' || user.role === 'grid_inspector') && user.jurisdictionPath)
    return { actor, reachPath: user.jurisdictionPath, enterpriseId: null };
  throw forbidden('您的角色不能导入隐患。', `Your role (${user.role}) may not import hazards.`);
}

/** The upload's temporary file into IMPORT_DIR (a copy when they are on different file systems). */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

/** Multer gives multipart file names as latin1; browsers send UTF-8. */
const decodeName = (name: string) => {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return printableName(/\uFFFD/.test(utf8) ? name : utf8).slice(0, 255);
};

export const notXlsx = () =>
  new ApiException(
    415,
    'not_xlsx',
    '请上传 .xlsx 文件（可先下载导入模板）。',
    'Upload an .xlsx file (the template is at GET /imports/template).',
    'file',
  );
