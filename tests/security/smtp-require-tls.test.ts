import { EmailChannel } from '../../apps/notifier/src/channels/email.channel';
import type { OutgoingMessage } from '../../apps/notifier/src/channels/notification-channel';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/*
 * A mail server (or someone in between) that does not offer STARTTLS would get the message in the
 * clear. With SMTP_REQUIRE_TLS=true the notifier refuses to send to it; without, it sends.
 */

let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = new SmtpReceiver();
  await smtp.start();
});
afterAll(async () => {
  await smtp?.stop();
});

const mail = (to: string): OutgoingMessage => ({
  deliveryKey: `tls-${to}`,
  messageKey: 'm',
  kind: 'escalation',
  title: '督办通知',
  body: '隐患逾期',
  link: null,
  hazardId: null,
  recipient: { key: to, name: '收件人' } as OutgoingMessage['recipient'],
  data: {},
  target: { address: to },
});

it('refuses to send over a connection without STARTTLS when TLS is required, and sends when it is not', async () => {
  const strict = new EmailChannel({ smtpUrl: smtp.url, from: 'noreply@hazards.test', timeoutMs: 5000, requireTLS: true });
  await expect(strict.send(mail('strict@example.gov.cn'))).rejects.toThrow(/SMTP/);
  await strict.close();
  expect(smtp.to('strict@example.gov.cn')).toEqual([]);
  const lenient = new EmailChannel({ smtpUrl: smtp.url, from: 'noreply@hazards.test', timeoutMs: 5000 });
  await lenient.send(mail('lenient@example.gov.cn'));
  await lenient.close();
  expect(smtp.to('lenient@example.gov.cn')).toHaveLength(1);
});
