import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk group robot signing ("加签"): string to sign `${timestamp}\n${secret}`, HMAC-SHA256 keyed
 * with the secret, base64; sent URL-encoded as `sign` next to `timestamp` (milliseconds).
 */
export function dingTalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** Generic webhook signature: hex HMAC-SHA256 of `${timestamp}.${rawBody}`, header `sha256=<hex>`. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): constant-time check of a webhook signature. */
export function verifyWebhookSignature(secret: string, timestamp: string, rawBody: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody));
  const got = Buffer.from(header);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
