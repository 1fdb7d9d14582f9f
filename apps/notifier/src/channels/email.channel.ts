import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { ChannelError, type NotificationChannel, type OutgoingMessage } from './notification-channel';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * E-mail through nodemailer over SMTP (a pooled connection). The Message-ID is derived from the
 * delivery key, so a resend after a crash carries the same id and mail systems can drop it.
 */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  readonly transactional = false;
  private transport?: Transporter;

  constructor(private readonly o: { smtpUrl?: string; from: string; timeoutMs: number; requireTLS?: boolean }) {}

  async send(msg: OutgoingMessage): Promise<void> {
    const to = msg.target.address as string | undefined;
    if (!to) throw new ChannelError('email', `没有收件地址 / no address for ${msg.recipient.key}`);
    if (!this.o.smtpUrl) throw new ChannelError('email', '未配置 SMTP_URL / SMTP_URL is not set');
    this.transport ??= nodemailer.createTransport(smtpOptions(this.o.smtpUrl, this.o.timeoutMs, this.o.requireTLS));
    const html = msg.body
      .split('\n')
      .map((line) => (/^https?:\/\//.test(line.trim().replace(/^(详情：|Details: )/, '')) ? linkify(line) : escapeHtml(line)))
      .join('<br>\n');
    try {
      await this.transport.sendMail({
        from: this.o.from,
        to: msg.recipient.name ? { name: msg.recipient.name, address: to } : to,
        subject: msg.title,
        text: msg.body,
        html: `<div lang="zh-CN" style="font-family:sans-serif">${html}</div>`,
        messageId: `<${createHash('sha256').update(msg.deliveryKey).digest('hex').slice(0, 32)}@hazards.local>`,
        headers: { 'X-Hazard-Delivery-Id': msg.deliveryKey, ...(msg.hazardId ? { 'X-Hazard-Id': msg.hazardId } : {}) },
      });
    } catch (err) {
      throw new ChannelError('email', `SMTP: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async close(): Promise<void> {
    this.transport?.close();
  }
}

function linkify(line: string): string {
  return escapeHtml(line).replace(/(https?:\/\/[^\s<]+)/g, (u) => `<a href="${u}">${u}</a>`);
}

/**
 * smtp://user:pass@host:587 (STARTTLS when offered; with requireTLS, only over STARTTLS, so a
 * server or a man in the middle that hides the offer gets no password and no mail) or
 * smtps://host:465 (TLS), pooled.
 */
export function smtpOptions(url: string, timeoutMs: number, requireTLS = false) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    pool: true as const,
    maxConnections: 5,
    host: u.hostname,
    port: Number(u.port || (secure ? 465 : 587)),
    secure,
    requireTLS: !secure && requireTLS,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    // A self-hosted relay on 127.0.0.1 in development may offer STARTTLS with a self-signed cert.
    tls: { rejectUnauthorized: u.searchParams.get('tlsRejectUnauthorized') !== 'false' },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}
