import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import type { SandboxedJob } from 'bullmq';
import { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import { startLifecycle, type NewHazard } from '@hazards/hazards/hazard-registration';
import { HazardImportRunner, type ImportProgress } from '@hazards/imports/hazard-import.runner';
import { validateEnvironment, type Environment } from '@hazards/config/environment.schema';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { ImportJobData } from '@hazards/events/queues';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { ImportsRepository } from '@hazards/persistence/imports/imports.repository';
import { importBounds } from './import-bounds';

/**
 * One import, in a child process of the importer with its own heap limit (BullMQ's sandboxed
 * processor): whatever a workbook does to this process, the importer and the API stay up, and
 * the job fails with the reason. The child keeps its database pool and Temporal connection
 * between jobs.
 */
let ready: Promise<{ runner: HazardImportRunner; imports: ImportsRepository }> | null = null;

// An import is background work: on a shared machine it yields the processor to the API and the worker.
try {
  setPriority(10);
} catch {
  /* not permitted here: run at the normal priority */
}

async function open(env: Environment) {
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL, 4)).initialize();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const policy = env.POLICY_FILE ? parsePolicy(JSON.parse(readFileSync(env.POLICY_FILE, 'utf8'))) : DEFAULT_POLICY;
  // Each lifecycle starts with the calendar copy: its grading window is counted without a calendar activity
  // (without one, when it cannot be read or is turned off, by the activity).
  const calendar = new LiveCalendar(ds);
  const copy = () => (env.ACTION_CALENDAR_COPY ? calendar.copy().catch(() => undefined) : undefined);
  const start = async (h: NewHazard) => startLifecycle(client, env.TEMPORAL_TASK_QUEUE, h, await copy());
  const runner = new HazardImportRunner(ds, { start }, policy, {
    concurrency: env.IMPORT_CONCURRENCY,
    maxRows: env.IMPORT_MAX_ROWS,
    bounds: importBounds(env),
  });
  return { runner, imports: new ImportsRepository(ds) };
}

export default async function processImport(job: SandboxedJob<ImportJobData>): Promise<ImportProgress> {
  ready ??= open(validateEnvironment(process.env));
  const { runner, imports } = await ready;
  const { importId, scope } = job.data;
  const row = await imports.storedFile(importId);
  if (!row) throw new Error(`import ${importId} not found`);
  if (row.status === 'done') return (await runner.progress(importId))!;
  return runner.run(
    importId,
    row.stored_path,
    { actor: scope.actor as unknown as Actor, reachPath: scope.reachPath, enterpriseId: scope.enterpriseId },
    (p) => void job.updateProgress({ done: p.done, total: p.total }).catch(() => undefined),
  );
}
