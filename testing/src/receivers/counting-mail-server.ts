import { SmtpReceiver } from './smtp-receiver';

/**
 * The mail server of a province, outside the stack a benchmark or drill measures: it accepts and
 * counts every message (`mail.accepted`), so the notifier's e-mails are sent once; without it every
 * e-mail fails and is retried, and the run measures a mail outage instead. Returns the receiver
 * (stop it after the notifier) and the notifier's environment with SMTP_URL pointing at it.
 */
export async function startCountingMailServer(
  notifierEnv: Record<string, string>,
): Promise<{ mail: SmtpReceiver; notifierEnv: Record<string, string> }> {
  const mail = new SmtpReceiver({ countOnly: true });
  await mail.start();
  return { mail, notifierEnv: { ...notifierEnv, SMTP_URL: mail.url } };
}
