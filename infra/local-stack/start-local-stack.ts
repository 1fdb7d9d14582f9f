import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { writeLocalStackSettings } from '@hazards/config/local-stack-settings';
import { dataSourceOptions, runMigrations } from '@hazards/persistence/data-source-options';
import { DEMO_PASSWORD } from '@hazards/persistence/seed/demo-data';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
import { DEMO_POLICY } from '@hazards/domain/policy/demo-policy';
import { readDemoHazardsState, writeDemoHazardsState } from './demo-hazards/demo-hazards-state';
import { seedDemoHazards } from './demo-hazards/demo-hazards.seeder';
import { SupervisedApp, supervisedApps } from './app-processes';
import { Infrastructure, temporalBackendFromEnv, temporalSplitFromEnv, toolPathsFromEnv } from './infrastructure';
import { MailSink } from './mail-sink';
import { portIsFree } from './net';
import { parseScale } from './scale';

/**
 * `npm start`: PostgreSQL, Redis and the Temporal dev server with their data in DATA_DIR,
 * migrations, then the worker, the notifier and the API, supervised until Ctrl-C.
 */
const root = resolve(__dirname, '..', '..', '..'); // dist/infra/local-stack -> project root
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const ports = {
  api: num('PORT', 3000),
  postgres: num('POSTGRES_PORT', 5433),
  redis: num('REDIS_PORT', 6380),
  temporal: num('TEMPORAL_PORT', 7233),
  temporalUi: num('TEMPORAL_UI_PORT', 8233),
  temporalHttp: num('TEMPORAL_HTTP_PORT', 7243),
  temporalMetrics: num('TEMPORAL_METRICS_PORT', 7244),
  // The local mail sink, only when SMTP_URL does not name a real mail server.
  ...(process.env.SMTP_URL ? {} : { mailSink: num('MAIL_SINK_PORT', 1025) }),
};
/** SCALE=api:2,worker:2,notifier:2 or npm start -- --api 2 ...: instances of each app. */
const scale = parseScale(process.env.SCALE, process.argv.slice(2));
/** The workers' and notifiers' metrics ports count up from here (the API serves /metrics on PORT). */
const metricsBase = num('METRICS_PORT', 9464);
const metricsPorts = Array.from({ length: scale.worker + scale.notifier }, (_, i) => metricsBase + i);

const status = (line: string) => console.log(`[stack] ${line}`);
const rel = (p: string) => relative(root, p) || '.';

async function main(): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portIsFree(port))) busy.push(`${name} ${port}`);
  for (const port of metricsPorts) if (!(await portIsFree(port))) busy.push(`metrics ${port}`);
  if (busy.length) {
    throw new Error(
      `ports in use: ${busy.join(', ')}. Is another 'npm start' running? Stop it, or choose other ports ` +
        `(PORT, POSTGRES_PORT, REDIS_PORT, TEMPORAL_PORT, TEMPORAL_UI_PORT, TEMPORAL_HTTP_PORT, TEMPORAL_METRICS_PORT, METRICS_PORT, MAIL_SINK_PORT).`,
    );
  }
  const reusing = existsSync(join(dataDir, 'postgres'));
  const infra = new Infrastructure({
    dataDir,
    tools: toolPathsFromEnv(),
    temporalBackend: temporalBackendFromEnv(),
    temporalSplitServices: temporalSplitFromEnv(),
    ports: {
      postgres: ports.postgres,
      redis: ports.redis,
      temporal: ports.temporal,
      temporalUi: ports.temporalUi,
      temporalHttp: ports.temporalHttp,
      temporalMetrics: ports.temporalMetrics,
    },
  });
  const apps: SupervisedApp[] = [];
  const mailSink = ports.mailSink ? new MailSink(join(dataDir, 'mail'), ports.mailSink) : undefined;
  let stopping = false;
  const stopAll = async (code: number, why?: string) => {
    if (stopping) return;
    stopping = true;
    demoAbort.abort();
    if (why) console.error(`[stack] ✖ ${why}`);
    status('stopping: apps, then Temporal, Redis and PostgreSQL ...');
    await Promise.all(apps.map((a) => a.stop().catch(() => undefined)));
    await mailSink?.stop();
    await infra.stop();
    status('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  status(`data folder: ${rel(dataDir)} (${reusing ? 'found, reusing' : 'new'})`);
  const t0 = Date.now();
  try {
    await infra.start();
  } catch (err) {
    return stopAll(1, `infrastructure failed: ${(err as Error).message}`);
  }
  status(`✔ postgres  ${infra.postgres.url.replace(/:[^:@/]+@/, ':***@')}  data ${rel(join(dataDir, 'postgres'))}`);
  if (infra.postgres.relocatedBecause) status(`  postgres  data in ${infra.postgres.dataDir}: ${infra.postgres.relocatedBecause}`);
  status(`✔ redis     ${infra.redis.url}  (appendonly, noeviction)  data ${rel(join(dataDir, 'redis'))}`);
  status(
    `✔ temporal  ${infra.temporal.address}  ${temporalBackendFromEnv() === 'postgres' ? `server on PostgreSQL (databases temporal, temporal_visibility)${temporalSplitFromEnv() ? ', services frontend, history, matching, worker as four processes' : ''}` : `dev server, data ${rel(join(dataDir, 'temporal'))}`}`,
  );
  const watchInfra = (name: string, p: { onUnexpectedExit?: unknown }) => {
    (p as { onUnexpectedExit?: (c: number | null) => void }).onUnexpectedExit = (c) =>
      void stopAll(
        1,
        `${name} exited unexpectedly (code ${c}); the stack cannot run without it. See ${rel(join(dataDir, 'logs', name + '.log'))}`,
      );
  };
  watchInfra('postgres', infra.postgres.process);
  watchInfra('redis', infra.redis.process);
  for (const p of infra.temporalProcesses) watchInfra(p.spec.name, p);

  if (mailSink) {
    try {
      await mailSink.start();
    } catch (err) {
      return stopAll(1, `the local mail sink failed to start: ${(err as Error).message}`);
    }
    status(
      `✔ mail      ${mailSink.url}  local mail sink: e-mails kept as .eml in ${rel(mailSink.dir)}, none sent on (SMTP_URL names a real server)`,
    );
  }
  const env = {
    ...infra.appEnvironment(),
    ...(mailSink ? { SMTP_URL: mailSink.url } : {}),
    PORT: String(ports.api),
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  // The CLI reads this to reach the running stack with no variables set.
  writeLocalStackSettings(dataDir, { pid: process.pid, ports, startedAt: new Date().toISOString(), env });
  try {
    const applied = await runMigrations(env.MIGRATION_DATABASE_URL);
    status(`✔ schema    ${applied.length ? `migrations applied: ${applied.join(', ')}` : 'up to date'}`);
    const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL, 2)).initialize();
    try {
      if (await seedDemoIfEmpty(ds)) {
        status(`✔ demo      seeded 南通市 with counties, townships, enterprises and users (password ${DEMO_PASSWORD})`);
        writeDemoHazardsState(dataDir, process.env.SEED_DEMO_HAZARDS === '0' ? 'skipped' : 'pending');
      }
    } finally {
      await ds.destroy();
    }
  } catch (err) {
    return stopAll(1, `migrations or demo seed failed: ${(err as Error).message}`);
  }
  apps.push(...supervisedApps(scale, root, join(dataDir, 'logs'), env, { status, giveUp: (why) => void stopAll(1, why) }, metricsBase));
  try {
    await Promise.all(apps.map((a) => a.start()));
  } catch (err) {
    return stopAll(1, `an app failed to start: ${(err as Error).message}`);
  }
  for (const a of apps) {
    const metrics =
      a.spec.name === 'api'
        ? `metrics http://127.0.0.1:${ports.api}/metrics`
        : `metrics http://127.0.0.1:${a.process.spec.env?.METRICS_PORT}/metrics`;
    const what =
      a.spec.name === 'api' && scale.api > 1 ? `${scale.api} instances (cluster), primary pid ${a.process.pid}` : `pid ${a.process.pid}`;
    status(`✔ ${a.label.padEnd(11)} ${what}  ${metrics}  log ${rel(a.process.spec.logFile)}`);
  }
  const demoPending = readDemoHazardsState(dataDir) === 'pending' && process.env.SEED_DEMO_HAZARDS !== '0';
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`
  隐患整改 system is up in ${secs} s / The hazard rectification system is running.
    API          http://127.0.0.1:${ports.api}
    OpenAPI docs http://127.0.0.1:${ports.api}/docs
    Health       http://127.0.0.1:${ports.api}/health
    Temporal UI  ${infra.temporal.uiUrl ?? 'none (server on PostgreSQL; use the temporal CLI)'}
    Data         ${rel(dataDir)}   Logs ${rel(join(dataDir, 'logs'))}${mailSink ? `   E-mails ${rel(mailSink.dir)}` : ''}
  Ctrl-C stops everything.${
    demoPending
      ? `
  演示隐患正在后台生成（约一分钟）/ The demo hazards are being made in the background (about a minute): watch for "✔ demo hazards".`
      : ''
  }
`);
  // After the ready line, so the first start is not slower to answer: a living demo.
  if (demoPending) void makeDemoHazards(env, demoAbort.signal);
}

/** Stops a demo run in flight when the stack stops; the next start finishes it. */
const demoAbort = new AbortController();

/**
 * The first start's living demo: about fifty hazards in every state, made by the demo users
 * through the API and the workflows (infra/local-stack/demo-hazards). Marked done only when every
 * hazard was made; otherwise the next start finishes it.
 */
async function makeDemoHazards(env: Record<string, string>, signal: AbortSignal): Promise<void> {
  status(
    '… demo      making the demo hazards through the API and the workflows, in the background (SEED_DEMO_HAZARDS=0 leaves them out) ...',
  );
  try {
    const r = await seedDemoHazards({
      baseUrl: `http://127.0.0.1:${ports.api}`,
      databaseUrl: env.DATABASE_URL,
      temporalAddress: env.TEMPORAL_ADDRESS,
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'hazards',
      signal,
    });
    if (signal.aborted) return;
    for (const f of r.failures) status(`  demo      not made: ${f}`);
    if (r.failures.length) {
      status(`✖ demo hazards: ${r.failures.length} not made (above); the next npm start makes them`);
      return;
    }
    writeDemoHazardsState(dataDir, 'done', { hazards: r.hazards, actions: r.actions });
    status(
      `✔ demo hazards: ${r.hazards} in every state, ${r.actions} actions by the demo users; ${r.escalated} escalated on the board so far ` +
        `(those on the demo clock, policy ${DEMO_POLICY.version}: a working day lasts 5 s, keep escalating for a few minutes), ${r.inboxMessages} inbox messages`,
    );
  } catch (err) {
    // The system runs without its demo hazards; say why.
    if (!signal.aborted) status(`✖ demo hazards not made: ${(err as Error).message}; the next npm start tries again`);
  }
}

main().catch((err) => {
  console.error(`[stack] ✖ ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
