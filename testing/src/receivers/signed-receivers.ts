import { HttpReceiver } from './http-receiver';
import { SmtpReceiver } from './smtp-receiver';

/** The webhook secrets routeToFourExternalDeliveries() signs with. */
export const WEBHOOK_SECRETS = { ent: 'ent-secret', county: 'county-secret' };

/** A real SMTP server and a webhook receiver that checks the signatures of WEBHOOK_SECRETS. */
export async function startSignedReceivers(): Promise<{ smtp: SmtpReceiver; http: HttpReceiver }> {
  const smtp = new SmtpReceiver();
  const http = new HttpReceiver();
  await Promise.all([smtp.start(), http.start()]);
  for (const [path, secret] of Object.entries(WEBHOOK_SECRETS)) http.webhookSecrets.set(path, secret);
  return { smtp, http };
}
