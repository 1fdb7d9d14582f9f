import 'reflect-metadata';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { FILE_ERRORS } from '@hazards/imports/import-columns';
import { validateEnvironment } from '@hazards/config/environment.schema';
import { announceReady } from '@hazards/config/ready-signal';
import { nameThisProcess, processName } from '@hazards/config/process-name';
import { IMPORT_QUEUE, type ImportJobData } from '@hazards/events/queues';
import { assertNoEviction, createRedis } from '@hazards/events/redis-connection';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { ImportsRepository } from '@hazards/persistence/imports/imports.repository';

/** Imports run at once; each in its own child process with its own heap limit. */
const JOBS_AT_ONCE = 2;

/**
 * The importer: consumes the `imports` queue. Each job runs in a child process (BullMQ's sandboxed
 * processor) started with --max-old-space-size=IMPORT_JOB_MAX_HEAP_MB, so a workbook that gets
 * past every bound and still exhausts memory kills only that child: BullMQ fails the job, and the
 * import is marked failed with the reason. The API never parses a workbook.
 */
async function main(): Promise<void> {
  nameThisProcess('importer');
  const env = validateEnvironment(process.env);
  const log = pino({ level: env.LOG_LEVEL, base: { app: processName() } });
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL, 2)).initialize();
  const imports = new ImportsRepository(ds);
  const redis = createRedis(env.REDIS_URL);
  redis.on('error', (e) => log.warn(`redis: ${e.message}`));
  await assertNoEviction(redis);
  const worker = new Worker<ImportJobData>(IMPORT_QUEUE, join(__dirname, 'import-job.processor.js'), {
    connection: redis,
    prefix: env.QUEUE_PREFIX,
    concurrency: JOBS_AT_ONCE,
    useWorkerThreads: false,
    workerForkOptions: { execArgv: ['--enable-source-maps', `--max-old-space-size=${env.IMPORT_JOB_MAX_HEAP_MB}`] },
  });
  worker.on('error', (e) => log.warn(`imports queue: ${e.message}`));
  worker.on('completed', (job) => log.info({ importId: job.data.importId }, 'import finished'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    log.error({ importId: job.data.importId, err: err.message }, 'import job failed');
    markFailed(imports, job.data.importId, err.message).catch((e) => log.error(`marking import ${job.data.importId} failed: ${e}`));
  });
  const stop = async () => {
    await worker.close().catch(() => undefined);
    redis.disconnect();
    await ds.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await worker.waitUntilReady();
  announceReady('importer', `queue ${IMPORT_QUEUE}, ${JOBS_AT_ONCE} at once, ${env.IMPORT_JOB_MAX_HEAP_MB} MiB heap each`);
}

/** A job that died (the child ran out of memory or crashed): the import says so, and registered nothing more. */
async function markFailed(imports: ImportsRepository, importId: string, message: string): Promise<void> {
  const reason = `${FILE_ERRORS.import_crashed}：${message}`.slice(0, 500);
  await imports.markCrashed(importId, reason, [{ code: 'import_crashed', reason }]);
}

main().catch((err) => {
  console.error(`importer failed to start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
