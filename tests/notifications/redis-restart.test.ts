import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { freePort } from '../../infra/local-stack/net';
import { RedisServer } from '../../infra/local-stack/redis-server';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { receivedDeliveryIds, tally } from '@hazards/testing/receivers/delivery-tally';
import { HttpReceiver } from '@hazards/testing/receivers/http-receiver';
import { startNotifier } from '@hazards/testing/notifier/notifier-runtime';
import {
  escalateMany,
  openDataSource,
  routeToFourExternalDeliveries,
  seedWorld,
  type World,
} from '@hazards/testing/fixtures/notification-world';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/**
 * Redis (our own instance, append-only file on) is restarted while the notifier sends, and more
 * escalations are recorded while it is down. Nothing is lost: queued jobs come back from the
 * AOF, the relay keeps unpublished outbox rows until Redis answers, and jobs whose completion
 * could not be recorded run again and find their delivery already sent.
 */
describe('restart Redis in the middle of a run', () => {
  const tag = 'nrr';
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;
  let redis: RedisServer;
  let dataDir: string;
  let notifier: NotifierRuntime;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'notifier-redis-'));
    redis = new RedisServer({
      bin: process.env.REDIS_SERVER_BIN ?? 'redis-server',
      dataDir,
      port: await freePort(),
      logFile: join(dataDir, 'redis.log'),
    });
    await redis.start();
    ds = await openDataSource();
    w = await seedWorld(ds, tag);
    smtp = new SmtpReceiver();
    http = new HttpReceiver();
    await Promise.all([smtp.start(), http.start()]);
    await routeToFourExternalDeliveries(ds, w, (p) => http.url(p));
    await escalate(0, 100);
    notifier = await startNotifier(ds, { tag, smtpUrl: smtp.url, redisUrl: redis.url, lockMs: 3000, backoffBaseMs: 200, concurrency: 4 });
  }, 240_000);

  afterAll(async () => {
    await notifier?.stop();
    await redis?.stop();
    await Promise.all([smtp?.stop(), http?.stop()]);
    await ds?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const escalate = (from: number, count: number) => escalateMany(ds, w, from, count, 20);
  const receivedIds = () => receivedDeliveryIds(smtp, http);

  it('loses nothing and sends nothing twice', async () => {
    await waitFor('some sent', () => new Set(receivedIds()).size >= 60, 120_000);
    await redis.stop(); // SIGTERM: Redis writes its append-only file and exits
    const atStop = new Set(receivedIds()).size;
    // Recorded while Redis is down: the relay cannot publish them yet.
    await escalate(100, 25);
    await new Promise((r) => setTimeout(r, 1500));
    const unpublished = Number(
      (await ds.query(`select count(*)::int as n from outbox_events where hazard_id like $1 and published_at is null`, [`${tag}-%`]))[0].n,
    );
    expect(unpublished).toBeGreaterThanOrEqual(25);
    await redis.start(); // same port, same data folder: the AOF is replayed

    await waitFor('all 500 received', () => new Set(receivedIds()).size >= 500, 120_000);
    await waitFor(
      'all recorded sent',
      async () =>
        Number(
          (
            await ds.query(
              `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id where m.hazard_id like $1 and d.status <> 'sent'`,
              [`${tag}-%`],
            )
          )[0].n,
        ) === 0,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 4000)); // past the lock: stalled jobs would run again now

    const f = await tally(ds, `${tag}-`, receivedIds());
    console.log(
      `[redis restart] stopped after ${atStop} received; sent ${f.sent}, received ${f.receivedRaw} (unique ${f.receivedUnique}), ` +
        `duplicates ${f.duplicates}, lost ${f.lost}, crash resends ${f.crashResends}`,
    );
    expect(atStop).toBeLessThan(500);
    expect(f.sent).toBe(500);
    expect(f.lost).toBe(0);
    expect(f.receivedUnique).toBe(500);
    expect(f.duplicates).toBe(0); // the process never died, so no send is ambiguous
    expect(
      Number(
        (await ds.query(`select count(*)::int as n from outbox_events where hazard_id like $1 and published_at is null`, [`${tag}-%`]))[0]
          .n,
      ),
    ).toBe(0);
  }, 300_000); // generous: the machine is shared; normally about a minute
});
