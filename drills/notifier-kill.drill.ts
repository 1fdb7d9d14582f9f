/**
 * Drill: kill -9 the notifier and restart Redis during 10,000 notifications. Each arrives exactly once.
 *
 * What "exactly once" means here: an SMTP server or webhook endpoint cannot take part in a
 * PostgreSQL transaction, so the notifier promises at-most-once *effect* per delivery id. A send
 * that was in flight when the process died is sent again with the same delivery id
 * (X-Hazard-Delivery-Id, also in the mail headers), PostgreSQL counts it as a crash resend, and the
 * receiver drops the second copy by that id. So the drill reports raw arrivals and resends
 * separately, and calls "duplicated" only what the receiver could not have deduplicated or no crash
 * explains:
 *   - a delivery id that arrived more often than 1 + its recorded crash_resends, and
 *   - an escalation event consumed more than once (more than 4 delivery rows).
 * "lost" is an expected delivery id that never arrived, plus deliveries never created (fewer than
 * 4 per escalation).
 *
 * Scenario: 2,500 escalations × 4 external deliveries (2 e-mails to a real SMTP server, 2 signed
 * webhooks), sent by the real notifier process. At ~25% received: kill -9 and restart it; at ~50%:
 * stop and start Redis (AOF on) while it runs, which it must survive by reconnecting on its own;
 * at ~75%: kill -9 again. Sizes: DRILL_NOTIFICATIONS (default 10000, a multiple of 4).
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { runMain, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { receivedDeliveryIds, tally } from '@hazards/testing/receivers/delivery-tally';
import { NotifierProcess } from '@hazards/testing/notifier/notifier-process';
import { escalateMany, routeToFourExternalDeliveries, seedWorld } from '@hazards/testing/fixtures/notification-world';
import { startSignedReceivers, WEBHOOK_SECRETS } from '@hazards/testing/receivers/signed-receivers';
import { drillVerdict } from '@hazards/testing/report/drill-report';
import { within } from '@hazards/testing/polling';

const NOTIFICATIONS = Number(process.env.DRILL_NOTIFICATIONS ?? 10000);
const ESCALATIONS = Math.ceil(NOTIFICATIONS / 4);
const EXPECTED = ESCALATIONS * 4;
/** Job lock: how long a killed notifier's jobs wait before they are taken over (production default 30 s). */
const LOCK_MS = Number(process.env.DRILL_LOCK_MS ?? 5000);
/** Per phase; generous because the machine is shared. */
const PHASE_TIMEOUT_MS = Number(process.env.DRILL_PHASE_TIMEOUT_MS ?? 15 * 60_000);
const TAG = 'nkd';
/** Outside the stack's temp folder, which is removed at the end: kept for a look after a failure. */
const NOTIFIER_LOG = join(tmpdir(), `notifier-kill-drill-${process.pid}.log`);

const unsent = async (ds: DataSource) =>
  Number(
    (
      await ds.query(
        `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id
    where m.hazard_id like $1 and d.channel <> 'inbox' and d.status <> 'sent'`,
        [`${TAG}-%`],
      )
    )[0].n,
  );

/** Escalation events by delivery rows: more than 4 = consumed twice; fewer (or none) = deliveries lost before sending. */
async function deliveriesPerEvent(ds: DataSource): Promise<{ events: number; over: string[]; under: number }> {
  const rows: { event_id: string; n: number }[] = await ds.query(
    `select m.event_id, count(*)::int as n from notification_messages m join notification_deliveries d on d.message_id = m.id
      where m.hazard_id like $1 and d.channel <> 'inbox' group by m.event_id`,
    [`${TAG}-%`],
  );
  return {
    events: rows.length,
    over: rows.filter((r) => r.n > 4).map((r) => `${r.event_id}: ${r.n} deliveries`),
    under: rows.filter((r) => r.n < 4).length,
  };
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const ds = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, 8)).initialize();
  const { smtp, http } = await startSignedReceivers();
  const notifier = new NotifierProcess(
    {
      ...stack.env,
      LOG_LEVEL: 'info',
      SMTP_URL: smtp.url,
      // The receiver stands in for the robots and webhooks on 127.0.0.1, a private address the notifier refuses unless allowed.
      WEBHOOK_ALLOWED_URLS: http.url('/'),
      PUBLIC_BASE_URL: 'https://hazards.example.gov.cn',
      NOTIFIER_LOCK_MS: String(LOCK_MS),
      NOTIFIER_CONCURRENCY: '10',
      NOTIFIER_BACKOFF_BASE_MS: '200',
      NOTIFIER_RELAY_INTERVAL_MS: '100',
    },
    NOTIFIER_LOG,
  );
  const problems: string[] = [];
  const received = () => receivedDeliveryIds(smtp, http);
  const unique = () => new Set(received()).size;
  let kills = 0;
  let redisRestarts = 0;
  const kill9AndRestart = async () => {
    await notifier.kill9();
    kills++;
    console.log(`kill -9 notifier #${kills} at ${unique()} received`);
    await notifier.start();
  };
  let stalled = false;
  /** Waits for a share of the notifications; a stall is a finding: recorded, no further faults, straight to counting. */
  const reach = async (share: number) => {
    stalled ||= !(await within(PHASE_TIMEOUT_MS, () => unique() >= EXPECTED * share));
    if (stalled && !problems.some((p) => p.startsWith('stalled')))
      problems.push(`stalled: ${unique()} of ${EXPECTED} received after waiting ${PHASE_TIMEOUT_MS / 1000} s for ${share * 100}%`);
    return !stalled;
  };

  try {
    const w = await seedWorld(ds, TAG);
    await routeToFourExternalDeliveries(ds, w, (p) => http.url(p), WEBHOOK_SECRETS);
    const s0 = Date.now();
    await escalateMany(ds, w, 0, ESCALATIONS);
    console.log(`${ESCALATIONS} escalations recorded in ${Math.round((Date.now() - s0) / 1000)} s`);

    const t0 = Date.now();
    await notifier.start();
    if (await reach(0.25)) await kill9AndRestart();
    if (await reach(0.5)) {
      // SIGTERM: Redis writes its append-only file and exits; the same port and folder replay it.
      await stack.infra.redis.stop();
      console.log(`Redis stopped at ${unique()} received`);
      await new Promise((r) => setTimeout(r, 2000));
      await stack.infra.redis.start();
      redisRestarts++;
      console.log(`Redis started again at ${unique()} received`);
    }
    if (await reach(0.75)) await kill9AndRestart();
    const allReceived = await reach(1);
    if (!(await within(allReceived ? PHASE_TIMEOUT_MS : 10_000, async () => (await unsent(ds)) === 0, 1000)))
      problems.push(`${await unsent(ds)} deliveries not recorded sent`);
    const seconds = Math.round((Date.now() - t0) / 1000);
    await new Promise((r) => setTimeout(r, LOCK_MS + 2000)); // past the lock: a stalled job would run (and resend) now

    const f = await tally(ds, `${TAG}-`, received());
    const perEvent = await deliveriesPerEvent(ds);
    const lost = f.lost + Math.max(0, EXPECTED - f.sent);
    const duplicated = f.unexplainedResends + perEvent.over.length;
    problems.push(
      ...f.missingIds.slice(0, 20).map((id) => `lost: ${id} never received`),
      ...f.unexplainedIds.slice(0, 20).map((id) => `duplicated: ${id} received more often than 1 + its crash resends`),
      ...perEvent.over,
    );
    if (perEvent.events < ESCALATIONS || perEvent.under > 0)
      problems.push(`${ESCALATIONS - perEvent.events} escalations without deliveries, ${perEvent.under} with fewer than 4`);
    const badSignatures = http.requests.filter((r) => r.kind === 'webhook' && !r.signatureOk).length;
    if (badSignatures) problems.push(`${badSignatures} webhooks with a bad signature`);
    if (problems.length) console.log(`notifier log: ${NOTIFIER_LOG}`);
    else rmSync(NOTIFIER_LOG, { force: true });
    drillVerdict(
      'notifier-kill',
      {
        expected: EXPECTED,
        sent: f.sent,
        receivedRaw: f.receivedRaw,
        receivedUnique: f.receivedUnique,
        lost,
        resends: f.duplicates,
        crashResends: f.crashResends,
        duplicated,
        badSignatures,
        seconds,
        notifierKills: kills,
        redisRestarts,
      },
      problems,
    );
  } finally {
    await notifier.stop();
    await Promise.all([smtp.stop(), http.stop()]);
    await ds.destroy();
    await stack.stop();
  }
}

runMain(main);
