import type { Environment } from '@hazards/config';
import { parseAllowedUrls } from '@hazards/events/channel-targets';
import { QUEUE_RETRY_POLICIES, type QueueRetryPolicy } from '@hazards/events/queues';

/** Everything the notifier runtime needs, taken from the validated environment (or given by a test). */
export interface NotifierSettings {
  redisUrl: string;
  smtpUrl?: string;
  smtpFrom: string;
  digestHour: number;
  publicBaseUrl: string;
  concurrency: number;
  lockMs: number;
  relayIntervalMs: number;
  sendTimeoutMs: number;
  retry: Record<keyof typeof QUEUE_RETRY_POLICIES, QueueRetryPolicy>;
  /** Turns off the relay / the daily scheduler (tests that drive one part alone). */
  relay: boolean;
  scheduleDigests: boolean;
  /** BullMQ key prefix. */
  queuePrefix: string;
  /** Relay only hazards whose id starts with this (tests sharing one database). */
  relayHazardPrefix?: string;
  /** URL prefixes robots and webhooks may be sent to besides the DingTalk and WeCom robot hosts (WEBHOOK_ALLOWED_URLS). */
  webhookAllowedUrls: string[];
  /** SMTP: refuse to send unless the server upgrades the connection with STARTTLS (SMTP_REQUIRE_TLS). */
  smtpRequireTls: boolean;
}

export const NOTIFIER_ENV_KEYS = [
  'REDIS_URL',
  'SMTP_URL',
  'SMTP_FROM',
  'DIGEST_HOUR',
  'PUBLIC_BASE_URL',
  'NOTIFIER_CONCURRENCY',
  'NOTIFIER_LOCK_MS',
  'NOTIFIER_RELAY_INTERVAL_MS',
  'NOTIFIER_SEND_TIMEOUT_MS',
  'NOTIFIER_BACKOFF_BASE_MS',
  'NOTIFIER_SEND_ATTEMPTS',
  'QUEUE_PREFIX',
  'NOTIFIER_RELAY_HAZARD_PREFIX',
  'WEBHOOK_ALLOWED_URLS',
  'SMTP_REQUIRE_TLS',
] as const satisfies readonly (keyof Environment)[];
export type NotifierEnvironment = Pick<Environment, (typeof NOTIFIER_ENV_KEYS)[number]>;

export function settingsFromEnvironment(env: NotifierEnvironment): NotifierSettings {
  return buildSettings({
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM,
    digestHour: env.DIGEST_HOUR,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    concurrency: env.NOTIFIER_CONCURRENCY,
    lockMs: env.NOTIFIER_LOCK_MS,
    relayIntervalMs: env.NOTIFIER_RELAY_INTERVAL_MS,
    sendTimeoutMs: env.NOTIFIER_SEND_TIMEOUT_MS,
    backoffBaseMs: env.NOTIFIER_BACKOFF_BASE_MS,
    sendAttempts: env.NOTIFIER_SEND_ATTEMPTS,
    queuePrefix: env.QUEUE_PREFIX,
    relayHazardPrefix: env.NOTIFIER_RELAY_HAZARD_PREFIX,
    webhookAllowedUrls: parseAllowedUrls(env.WEBHOOK_ALLOWED_URLS),
    smtpRequireTls: env.SMTP_REQUIRE_TLS,
  });
}

export function buildSettings(
  o: Omit<NotifierSettings, 'retry' | 'relay' | 'scheduleDigests' | 'queuePrefix' | 'webhookAllowedUrls' | 'smtpRequireTls'> & {
    webhookAllowedUrls?: string[];
    smtpRequireTls?: boolean;
    queuePrefix?: string;
    backoffBaseMs?: number;
    sendAttempts?: number;
    relay?: boolean;
    scheduleDigests?: boolean;
  },
): NotifierSettings {
  const retry = Object.fromEntries(
    Object.entries(QUEUE_RETRY_POLICIES).map(([queue, p]) => [
      queue,
      {
        attempts: queue === 'notifications' && o.sendAttempts ? o.sendAttempts : p.attempts,
        baseDelayMs: o.backoffBaseMs ?? p.baseDelayMs,
      },
    ]),
  ) as NotifierSettings['retry'];
  const { backoffBaseMs: _b, sendAttempts: _s, ...rest } = o;
  return {
    ...rest,
    retry,
    relay: o.relay ?? true,
    scheduleDigests: o.scheduleDigests ?? true,
    queuePrefix: o.queuePrefix ?? 'bull',
    webhookAllowedUrls: o.webhookAllowedUrls ?? [],
    smtpRequireTls: o.smtpRequireTls ?? false,
  };
}
