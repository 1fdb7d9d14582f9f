import { postJson } from './http-post';
import { HttpPostChannel } from './http-post.channel';
import type { OutgoingMessage } from './notification-channel';
import { webhookSignature } from './signing';

/**
 * Generic signed webhook for other systems: JSON body, `X-Hazard-Timestamp` (ms) and
 * `X-Hazard-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
 * `X-Hazard-Delivery-Id` is stable across resends: receivers dedupe on it.
 */
export class WebhookChannel extends HttpPostChannel {
  readonly name = 'webhook' as const;

  async send(msg: OutgoingMessage): Promise<void> {
    const { url, secret } = this.target(msg, '未配置地址 / no webhook URL');
    const timestamp = String(this.now());
    const body = JSON.stringify({
      deliveryId: msg.deliveryKey,
      kind: msg.kind,
      title: msg.title,
      body: msg.body,
      link: msg.link,
      hazardId: msg.hazardId,
      recipient: { key: msg.recipient.key, name: msg.recipient.name },
      data: msg.data,
      sentAt: new Date(Number(timestamp)).toISOString(),
    });
    const headers: Record<string, string> = {
      'x-hazard-delivery-id': msg.deliveryKey,
      'x-hazard-event': msg.kind,
      'x-hazard-timestamp': timestamp,
    };
    if (secret) headers['x-hazard-signature'] = webhookSignature(secret, timestamp, body);
    await postJson('webhook', url, body, headers, this.http);
  }
}
