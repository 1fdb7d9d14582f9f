import type { ChannelName } from '@hazards/domain/notifications/channels';
import type { NotifierSettings } from '../notifier-settings';
import { DingTalkChannel } from './dingtalk.channel';
import { EmailChannel } from './email.channel';
import { InboxChannel } from './inbox.channel';
import type { NotificationChannel } from './notification-channel';
import { WebhookChannel } from './webhook.channel';
import { WeComChannel } from './wecom.channel';

/** The channels by name; a test may swap one for its own. */
export class ChannelRegistry {
  private readonly channels = new Map<ChannelName, NotificationChannel>();

  constructor(settings: NotifierSettings) {
    const http = { timeoutMs: settings.sendTimeoutMs, allowedUrls: settings.webhookAllowedUrls };
    for (const c of [
      new InboxChannel(),
      new EmailChannel({
        smtpUrl: settings.smtpUrl,
        from: settings.smtpFrom,
        timeoutMs: settings.sendTimeoutMs,
        requireTLS: settings.smtpRequireTls,
      }),
      new DingTalkChannel(http),
      new WeComChannel(http),
      new WebhookChannel(http),
    ]) {
      this.channels.set(c.name, c);
    }
  }

  get(name: ChannelName): NotificationChannel {
    const c = this.channels.get(name);
    if (!c) throw new Error(`unknown channel ${name}`);
    return c;
  }

  async close(): Promise<void> {
    await Promise.all([...this.channels.values()].map((c) => c.close?.()));
  }
}
