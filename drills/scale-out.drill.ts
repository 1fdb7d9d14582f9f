/**
 * Drill: two of each app (API, worker, notifier) under load, started exactly as
 * `SCALE=api:2,worker:2,notifier:2 npm start` starts them (the API instances as a cluster on one
 * port, each instance supervised and restarted on its own), and kill -9 one instance of each in
 * turn: an API instance, the worker that holds the archive anchor lock, a notifier.
 *
 * Meanwhile: virtual users report and grade hazards and read lists through the API's one port
 * (actions carry an Idempotency-Key and are resent under it when their instance dies, as a client
 * of a scaled deployment does); escalations are recorded (4 external deliveries each, to a real
 * SMTP server and signed webhooks); reminders are gathered and the daily digest is triggered
 * once per notifier and again after the kill, as if every notifier's schedule fired.
 *
 * Verdict (non-zero exit when lost or duplicated is above 0):
 *   transitions: an acknowledged report with no hazard or no `reported` step, an acknowledged grade
 *     with no `graded` step = lost; a report that made two hazards, or a step recorded twice = duplicated;
 *   notifications: as in the notifier-kill drill (by delivery id at the receivers, crash resends explained);
 *   digests: one per recipient and day, each delivery received once; the daily schedulers exist once each;
 *   once-only work: exactly one worker holds the anchor lock before and after its holder is killed.
 * Sizes: DRILL_SCALE_USERS (30), DRILL_SCALE_SECONDS (240), DRILL_SCALE_ESCALATIONS (500); DRILL_SCALE_DRAIN_SECONDS
 * (600): how long deliveries may take to drain after the load before the unsent ones count as lost.
 */
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { round } from '@hazards/testing/report/bench-report';
import { loginDemoUser, runMain, seedDemo, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { supervisedApps, type SupervisedApp } from '../infra/local-stack/app-processes';
import { freePort, portIsFree } from '../infra/local-stack/net';
import { createRedis } from '@hazards/events/redis-connection';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import { METRIC } from '@hazards/metrics';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { receivedDeliveryIds, tally } from '@hazards/testing/receivers/delivery-tally';
import {
  escalateMany,
  HazardScript,
  inDays,
  routeToFourExternalDeliveries,
  seedWorld,
  type World,
} from '@hazards/testing/fixtures/notification-world';
import { startSignedReceivers, WEBHOOK_SECRETS } from '@hazards/testing/receivers/signed-receivers';
import { seriesValue } from '@hazards/testing/metrics/prometheus-text';
import { shanghaiDate } from '@hazards/domain/time/shanghai-time';
import { drillVerdict } from '@hazards/testing/report/drill-report';
import { within } from '@hazards/testing/polling';
import { routeP95s, runLoadStep, stepFigures } from '@hazards/testing/load/load-users';

const ROOT = resolve(__dirname, '..', '..');
const USERS = Number(process.env.DRILL_SCALE_USERS ?? 30);
const SECONDS = Number(process.env.DRILL_SCALE_SECONDS ?? 240);
const ESCALATIONS = Number(process.env.DRILL_SCALE_ESCALATIONS ?? 500);
const REMINDED_HAZARDS = 20;
const TAG = 'sod';
const DRAIN_MS = Number(process.env.DRILL_SCALE_DRAIN_SECONDS ?? 600) * 1000;

/** Four consecutive free ports for the workers' and notifiers' metrics. */
async function metricsPortBase(count: number): Promise<number> {
  for (;;) {
    const base = 40000 + Math.floor(Math.random() * 20000);
    let free = true;
    for (let p = base; p < base + count && free; p++) free = await portIsFree(p);
    if (free) return base;
  }
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ temporalOnDisk: true });
  await seedDemo(stack.env.DATABASE_URL);
  // Enough connections for the escalations written alongside the load (a pool wait past 5 s fails the query).
  const ds = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, 16)).initialize();
  const { smtp, http } = await startSignedReceivers();
  const dataDir = stack.infra.o.dataDir;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...stack.env,
    NODE_ENV: 'development',
    PORT: String(port),
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'info',
    SMTP_URL: smtp.url,
    // The receiver stands in for the robots and webhooks on 127.0.0.1, a private address the notifier refuses unless allowed.
    WEBHOOK_ALLOWED_URLS: http.url('/'),
    PUBLIC_BASE_URL: 'https://hazards.example.gov.cn',
    NOTIFIER_LOCK_MS: '5000',
    NOTIFIER_BACKOFF_BASE_MS: '200',
    NOTIFIER_RELAY_INTERVAL_MS: '100',
    ARCHIVE_ANCHOR_INTERVAL_MS: '2000',
    LEADER_RETRY_MS: '1000',
    ARCHIVE_ANCHOR_FILE: join(dataDir, 'archive', 'anchor.jsonl'),
    EVIDENCE_DIR: join(dataDir, 'evidence'),
    IMPORT_DIR: join(dataDir, 'imports'),
  };
  const problems: string[] = [];
  /** Problems that are neither lost nor duplicated (a schedule twice, two anchor writers ...) still fail the drill. */
  let failures = 0;
  const fail = (what: string) => {
    failures++;
    problems.push(what);
  };
  /** API instance → pid, from the cluster's status lines (updated when one is restarted). */
  const apiPids = new Map<number, number>();
  const status = (line: string) => {
    console.log(`[stack] ${line}`);
    const m = /^✔ api#(\d+)\s+pid (\d+)/.exec(line);
    if (m) apiPids.set(Number(m[1]), Number(m[2]));
  };
  const metricsBase = await metricsPortBase(4);
  const apps: SupervisedApp[] = supervisedApps(
    { api: 2, worker: 2, notifier: 2 },
    ROOT,
    join(dataDir, 'logs'),
    env,
    {
      status,
      giveUp: (why) => fail(`supervisor gave up: ${why}`),
    },
    metricsBase,
  );
  const app = (label: string) => apps.find((a) => a.label === label)!;
  const metricsUrl = (a: SupervisedApp) => `http://127.0.0.1:${a.process.spec.env?.METRICS_PORT}/metrics`;
  const anchorLeaders = async () => {
    const leaders: string[] = [];
    for (const a of apps.filter((x) => x.spec.name === 'worker')) {
      const text = await fetch(metricsUrl(a))
        .then((r) => r.text())
        .catch(() => '');
      if (seriesValue(text, METRIC.anchorLeader) === 1) leaders.push(a.label);
    }
    return leaders;
  };
  const redis = createRedis(stack.env.REDIS_URL);
  const reminders = new Queue(QUEUE_NAMES.reminders, { connection: redis });
  const figures: Record<string, string | number> = {};

  try {
    await Promise.all(apps.map((a) => a.start()));
    const w: World = await seedWorld(ds, TAG);
    await routeToFourExternalDeliveries(ds, w, (p) => http.url(p), WEBHOOK_SECRETS);
    const tokens = {
      ent: await loginDemoUser(base, 'ent-jinsha-chem'),
      town: await loginDemoUser(base, 'jinsha'),
      county: await loginDemoUser(base, 'tongzhou'),
    };

    // Once-only work before any fault: one anchor writer, each daily schedule once.
    if (!(await within(20_000, async () => (await anchorLeaders()).length === 1)))
      fail(`anchor writers before the kills: ${(await anchorLeaders()).join(', ') || 'none'}`);

    // Reminders for the digest (3 days before a deadline in 10 days), consumed into digest items.
    const path = [w.j.city, w.j.county, w.j.township, w.j.grid];
    for (let i = 0; i < REMINDED_HAZARDS; i++) {
      const hz = new HazardScript(ds, `${TAG}-rm${i}`, { enterpriseId: w.e1.id, path, description: `提醒隐患${i}号` });
      await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(10), quick: true });
      await hz.reminder(3);
    }

    // Every reminder gathered before the schedules fire (an item that arrives after its recipient's
    // digest of the day waits for tomorrow's, by design).
    if (
      !(await within(
        120_000,
        async () =>
          Number(
            (await ds.query(`select count(*)::int as n from notification_event_receipts where hazard_id like $1`, [`${TAG}-rm%`]))[0].n,
          ) >= REMINDED_HAZARDS,
        500,
      ))
    ) {
      fail('reminders not gathered within 120 s');
    }

    const t0 = Date.now();
    const loading = runLoadStep({ baseUrl: base, tokens, users: USERS, seconds: SECONDS, thinkMs: 1000, tag: TAG, retryActions: true });
    const escalating = escalateMany(ds, w, 0, ESCALATIONS, 8).catch((err: Error) => {
      fail(`recording the escalations failed: ${err.message}`);
    });
    const digestDate = shanghaiDate(Date.now());
    const fireDigest = (why: string) => reminders.add(JOB_NAMES.digestRun, { digestDate }, { jobId: `drill-digest-${why}` });
    await fireDigest('notifier-1'); // as if each notifier's schedule fired
    await fireDigest('notifier-2');

    const at = (share: number) => new Promise((r) => setTimeout(r, Math.max(0, t0 + share * SECONDS * 1000 - Date.now())));
    await at(0.2);
    const apiPid = apiPids.get(1);
    if (apiPid) {
      process.kill(apiPid, 'SIGKILL');
      console.log(`kill -9 api#1 (pid ${apiPid}) at ${round((Date.now() - t0) / 1000, 0)} s`);
    } else fail('no pid for api#1');
    await at(0.4);
    const [leader] = await anchorLeaders();
    const victim = app(leader ?? 'worker#1');
    process.kill(victim.process.pid!, 'SIGKILL');
    console.log(`kill -9 ${victim.label} (the anchor writer: ${leader ? 'yes' : 'no'}) at ${round((Date.now() - t0) / 1000, 0)} s`);
    await at(0.6);
    process.kill(app('notifier#1').process.pid!, 'SIGKILL');
    console.log(`kill -9 notifier#1 at ${round((Date.now() - t0) / 1000, 0)} s`);
    await fireDigest('after-kill'); // a schedule firing again after a restart
    const [result] = await Promise.all([loading, escalating]);
    const seconds = round((Date.now() - t0) / 1000, 0);

    // ---- once-only work after the kills
    const leaders = await (async () => {
      let l: string[] = [];
      await within(20_000, async () => (l = await anchorLeaders()).length === 1);
      return l;
    })();
    if (leaders.length !== 1) fail(`anchor writers after the kills: ${leaders.join(', ') || 'none'}`);
    const schedulers = await reminders.getJobSchedulers();
    const delayed = await reminders.getDelayed();
    for (const name of [JOB_NAMES.digestRun, JOB_NAMES.filingRemindersRun]) {
      const n = schedulers.filter((s) => s.name === name).length;
      const next = delayed.filter((j) => j.name === name).length;
      if (n !== 1 || next !== 1) fail(`daily schedule ${name}: ${n} schedulers, ${next} next runs (want 1 and 1)`);
    }

    // ---- drain: every delivery sent
    const unsent = async () =>
      Number(
        (
          await ds.query(
            `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id
        where (m.hazard_id like $1 or m.kind = 'reminder_digest') and d.channel <> 'inbox' and d.status <> 'sent'`,
            [`${TAG}-%`],
          )
        )[0].n,
      );
    if (!(await within(DRAIN_MS, async () => (await unsent()) === 0, 2000)))
      problems.push(`${await unsent()} deliveries not sent after ${DRAIN_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 7000)); // past the 5 s job lock: a stalled job would resend now

    // ---- transitions
    const drillHazards: { id: string; description: string }[] = await ds.query(
      `select id, description from hazards where description like $1`,
      [`压测隐患 ${TAG}-%`],
    );
    const byDescription = new Map<string, string[]>();
    for (const h of drillHazards) byDescription.set(h.description, [...(byDescription.get(h.description) ?? []), h.id]);
    const steps: { hazard_id: string; step: string; n: number }[] = await ds.query(
      `select hazard_id, step, count(*)::int as n from hazard_history where hazard_id = any($1) group by 1, 2`,
      [drillHazards.map((h) => h.id)],
    );
    const stepCount = (id: string, step: string) => steps.find((s) => s.hazard_id === id && s.step === step)?.n ?? 0;
    let lost = 0;
    let duplicated = 0;
    for (const [id, description] of result.reported) {
      if (stepCount(id, 'reported') !== 1) {
        lost++;
        problems.push(`lost: report ${id} (${description}) acknowledged, ${stepCount(id, 'reported')} reported steps`);
      }
    }
    for (const id of result.graded)
      if (stepCount(id, 'graded') === 0) {
        lost++;
        problems.push(`lost: grade of ${id} acknowledged, not recorded`);
      }
    for (const [description, ids] of byDescription)
      if (ids.length > 1) {
        duplicated += ids.length - 1;
        problems.push(`duplicated: "${description}" made ${ids.length} hazards`);
      }
    for (const s of steps)
      if (s.n > 1) {
        duplicated += s.n - 1;
        problems.push(`duplicated: ${s.hazard_id} step ${s.step} ×${s.n}`);
      }
    const unackedCommitted = result.unacknowledgedReports.filter((d) => byDescription.has(d)).length;

    // ---- notifications (escalations) and digests
    const received = receivedDeliveryIds(smtp, http);
    const f = await tally(ds, `${TAG}-hz`, received);
    const expectedEscalationDeliveries = ESCALATIONS * 4;
    lost += f.lost + Math.max(0, expectedEscalationDeliveries - f.sent);
    duplicated += f.unexplainedResends;
    problems.push(
      ...f.missingIds.slice(0, 10).map((id) => `lost: ${id} never received`),
      ...f.unexplainedIds.slice(0, 10).map((id) => `duplicated: ${id} received too often`),
    );
    const digests: { recipient_key: string; n: number }[] = await ds.query(
      `select recipient_key, count(*)::int as n from reminder_digests where digest_date = $1 group by 1`,
      [digestDate],
    );
    const digestDeliveries: { delivery_key: string; crash_resends: number }[] = await ds.query(
      `select d.delivery_key, d.crash_resends from notification_deliveries d join notification_messages m on m.id = d.message_id
        where m.kind = 'reminder_digest' and d.channel <> 'inbox'`,
    );
    const arrivals = new Map<string, number>();
    for (const id of received) arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
    let digestsLost = 0;
    let digestsTwice = 0;
    for (const d of digestDeliveries) {
      const n = arrivals.get(d.delivery_key) ?? 0;
      if (n === 0) digestsLost++;
      if (n > 1 + d.crash_resends) digestsTwice++;
    }
    const pendingItems = Number(
      (
        await ds.query(`select count(*)::int as n from reminder_digest_items where digest_id is null and hazard_id like $1`, [`${TAG}-rm%`])
      )[0].n,
    );
    if (digests.length === 0) fail('no digest was made');
    if (pendingItems > 0) fail(`${pendingItems} reminder items in no digest`);
    lost += digestsLost;
    duplicated += digestsTwice + digests.filter((d) => d.n > 1).length;

    // Sizing: what the run left in PostgreSQL and Redis (for the README's production topology).
    const [size] =
      await ds.query(`select pg_database_size(current_database())::bigint as bytes, (select count(*) from hazards)::int as hazards,
      (select count(*) from hazard_history)::int as history, (select count(*) from notification_deliveries)::int as deliveries`);
    const redisInfo = await redis.info('memory');
    const redisBytes = Number(/used_memory:(\d+)/.exec(redisInfo)?.[1] ?? 0);
    const load = stepFigures(result);
    Object.assign(figures, {
      users: USERS,
      seconds,
      requests: load.requests,
      rps: load.rps,
      p50_ms: load.p50_ms,
      p95_ms: load.p95_ms,
      errors: load.errors,
      error_rate_pct: load.error_rate_pct,
      retriedActions: result.retries,
      reportsAcknowledged: result.reported.size,
      gradesAcknowledged: result.graded.size,
      reportsUnacknowledged: result.unacknowledgedReports.length,
      unacknowledgedButCommitted: unackedCommitted,
      escalationDeliveries: f.sent,
      receivedUnique: f.receivedUnique,
      crashResends: f.crashResends,
      digestRecipients: digests.length,
      digestDeliveries: digestDeliveries.length,
      anchorWriterAfter: leaders.join(',') || 'none',
      pgMegabytes: round(Number(size.bytes) / 1e6, 1),
      hazards: size.hazards,
      historyRows: size.history,
      deliveries: size.deliveries,
      redisMegabytes: round(redisBytes / 1e6, 1),
      redisKeys: await redis.dbsize(),
      lost,
      duplicated,
      failures,
    });
    console.log('p95 per route (ms) during the kills:');
    console.table(routeP95s(result));
    console.log('errors:', result.errors);
  } finally {
    drillVerdict('scale-out', figures, problems);
    await reminders.close();
    redis.disconnect();
    await Promise.all(apps.map((a) => a.stop().catch(() => undefined)));
    await Promise.all([smtp.stop(), http.stop()]);
    await ds.destroy();
    await stack.stop();
  }
}

runMain(main);
