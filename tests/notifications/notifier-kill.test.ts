import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { receivedDeliveryIds, tally } from '@hazards/testing/receivers/delivery-tally';
import type { HttpReceiver } from '@hazards/testing/receivers/http-receiver';
import { buildNotifier, NotifierProcess } from '@hazards/testing/notifier/notifier-process';
import {
  escalateMany,
  openDataSource,
  routeToFourExternalDeliveries,
  seedWorld,
  type World,
} from '@hazards/testing/fixtures/notification-world';
import { waitFor } from '@hazards/testing/polling';
import { startSignedReceivers, WEBHOOK_SECRETS } from '@hazards/testing/receivers/signed-receivers';
import type { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/**
 * The real notifier (dist/apps/notifier/src/main.js) is killed with SIGKILL while it sends 1,000
 * notifications (250 escalations × 4 external deliveries: 500 e-mails, 500 signed webhooks), then
 * started again. Counted at the SMTP server and the HTTP receiver: every message arrives, and any
 * second arrival is a resend of a delivery that was mid-send at the kill (recorded in PostgreSQL
 * as a crash resend, same delivery id, so the receiver can drop it).
 */
describe('kill -9 the notifier mid-way through 1,000 notifications', () => {
  const tag = 'nkl';
  const HAZARDS = 250;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;
  let notifier: NotifierProcess;

  beforeAll(async () => {
    buildNotifier();
    ds = await openDataSource();
    w = await seedWorld(ds, tag);
    ({ smtp, http } = await startSignedReceivers());
    // Exactly four external deliveries per escalation, no inbox (see routeToFourExternalDeliveries).
    await routeToFourExternalDeliveries(ds, w, (p) => http.url(p), WEBHOOK_SECRETS);
    await escalateMany(ds, w, 0, HAZARDS);
    notifier = new NotifierProcess(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        SMTP_URL: smtp.url,
        PUBLIC_BASE_URL: 'https://hazards.example.gov.cn',
        QUEUE_PREFIX: `t-${tag}-${randomUUID().slice(0, 8)}`,
        NOTIFIER_RELAY_HAZARD_PREFIX: `${tag}-`,
        NOTIFIER_LOCK_MS: '3000',
        NOTIFIER_CONCURRENCY: '10',
        NOTIFIER_BACKOFF_BASE_MS: '200',
        NOTIFIER_RELAY_INTERVAL_MS: '100',
      },
      join(tmpdir(), `notifier-kill-${process.pid}.log`),
    );
  }, 240_000);

  afterAll(async () => {
    await notifier?.stop();
    await Promise.all([smtp?.stop(), http?.stop()]);
    await ds?.destroy();
  });

  const receivedIds = () => receivedDeliveryIds(smtp, http);
  const unsent = async () =>
    Number(
      (
        await ds.query(
          `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id where m.hazard_id like $1 and d.status <> 'sent'`,
          [`${tag}-%`],
        )
      )[0].n,
    );

  it('delivers every message after the restart, each once by delivery id', async () => {
    await notifier.start();
    await waitFor('a quarter sent', () => new Set(receivedIds()).size >= 250, 120_000);
    await notifier.kill9();
    const atKill = new Set(receivedIds()).size;
    expect(atKill).toBeLessThan(1000); // killed mid-way, not after the end

    await notifier.start();
    await waitFor('all 1,000 received', () => new Set(receivedIds()).size >= 1000, 120_000);
    await waitFor('all deliveries recorded sent', async () => (await unsent()) === 0, 60_000);
    await new Promise((r) => setTimeout(r, 4000)); // past the lock: a stalled job would run again now

    const f = await tally(ds, `${tag}-`, receivedIds());
    console.log(
      `[notifier kill -9] killed after ${atKill} received; sent ${f.sent}, received ${f.receivedRaw} (unique ${f.receivedUnique}), ` +
        `duplicates ${f.duplicates}, lost ${f.lost}, crash resends recorded ${f.crashResends}`,
    );
    expect(f.sent).toBe(1000);
    expect(f.lost).toBe(0);
    expect(f.receivedUnique).toBe(1000);
    // Every signature checked out, and no message went to the wrong place.
    expect(http.requests.every((r) => r.signatureOk)).toBe(true);
    // A duplicate can only be a delivery that was mid-send when the process died: PostgreSQL
    // recorded it as a crash resend, and there are at most as many as sends in flight (concurrency 10).
    expect(f.duplicates).toBeLessThanOrEqual(f.crashResends);
    expect(f.crashResends).toBeLessThanOrEqual(10);
    const resent = new Set(
      (await ds.query(`select delivery_key from notification_deliveries where crash_resends > 0`)).map(
        (r: { delivery_key: string }) => r.delivery_key,
      ),
    );
    for (const id of f.duplicateIds) expect(resent.has(id)).toBe(true);
    // Each escalation event was consumed once (one receipt, four deliveries), despite the kill.
    const perEvent = await ds.query(
      `select m.event_id from notification_messages m join notification_deliveries d on d.message_id = m.id
        where m.hazard_id like $1 group by m.event_id having count(*) <> 4`,
      [`${tag}-%`],
    );
    expect(perEvent).toEqual([]);
  }, 300_000); // generous: the machine is shared; normally about a minute
});
