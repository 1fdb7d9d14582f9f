import type { DataSource } from 'typeorm';
import type { NotifierRuntime } from '../../../apps/notifier/src/notifier-runtime';
import { openDataSource, seedWorld, type World } from '../fixtures/notification-world';
import { HttpReceiver } from '../receivers/http-receiver';
import { SmtpReceiver } from '../receivers/smtp-receiver';
import { startNotifier } from './notifier-runtime';

type NotifierOptions = Omit<Parameters<typeof startNotifier>[1], 'tag' | 'smtpUrl'>;

/** What a notification test runs against (see startNotificationContext). */
export interface NotificationContext {
  ds: DataSource;
  w: World;
  smtp: SmtpReceiver;
  http: HttpReceiver;
  notifier: NotifierRuntime;
  /** Stops the notifier first (nothing left sending), then the receivers, then closes the database. */
  stop(): Promise<void>;
}

/**
 * A notification test's world: its people and jurisdictions seeded under `tag`, an SMTP and an
 * HTTP receiver standing in for the outside (mail server, robots, webhooks), and the notifier
 * sending to them. `prepare` runs before the notifier starts: channel preferences, robot secrets.
 */
export async function startNotificationContext(
  tag: string,
  options: NotifierOptions = {},
  prepare?: (c: Omit<NotificationContext, 'notifier' | 'stop'>) => Promise<void>,
): Promise<NotificationContext> {
  const ds = await openDataSource();
  const w = await seedWorld(ds, tag);
  const smtp = new SmtpReceiver();
  const http = new HttpReceiver();
  await Promise.all([smtp.start(), http.start()]);
  await prepare?.({ ds, w, smtp, http });
  const notifier = await startNotifier(ds, { tag, smtpUrl: smtp.url, ...options });
  return {
    ds,
    w,
    smtp,
    http,
    notifier,
    stop: async () => {
      await notifier.stop();
      await Promise.all([smtp.stop(), http.stop()]);
      await ds.destroy();
    },
  };
}
