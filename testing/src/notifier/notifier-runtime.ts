import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { buildSettings, type NotifierSettings } from '../../../apps/notifier/src/notifier-settings';
import { NotifierRuntime } from '../../../apps/notifier/src/notifier-runtime';

const verbose = !!process.env.NOTIFIER_TEST_LOG;
const quiet = {
  log: (m: string) => verbose && console.log(m),
  warn: (m: string) => verbose && console.warn(m),
  error: (m: string) => console.error(m),
};

/**
 * The notifier runtime in the test process, on its own BullMQ prefix (no jobs shared with other
 * test files) and relaying only this file's hazards.
 */
export async function startNotifier(
  ds: DataSource,
  o: Partial<NotifierSettings> & { tag: string; smtpUrl?: string; backoffBaseMs?: number; sendAttempts?: number },
): Promise<NotifierRuntime> {
  const settings = buildSettings({
    redisUrl: o.redisUrl ?? process.env.REDIS_URL!,
    smtpUrl: o.smtpUrl,
    smtpFrom: '隐患整改系统 <noreply@hazards.test>',
    digestHour: o.digestHour ?? 8,
    publicBaseUrl: 'https://hazards.example.gov.cn',
    concurrency: o.concurrency ?? 8,
    lockMs: o.lockMs ?? 5000,
    relayIntervalMs: o.relayIntervalMs ?? 100,
    sendTimeoutMs: o.sendTimeoutMs ?? 5000,
    backoffBaseMs: o.backoffBaseMs ?? 100,
    sendAttempts: o.sendAttempts,
    relay: o.relay ?? true,
    scheduleDigests: o.scheduleDigests ?? false,
    queuePrefix: o.queuePrefix ?? `t-${o.tag}-${randomUUID().slice(0, 8)}`,
    relayHazardPrefix: o.relayHazardPrefix ?? `${o.tag}-`,
    // The local receivers stand in for the robots and webhooks: allowed by name, as an operator would.
    webhookAllowedUrls: o.webhookAllowedUrls ?? ['http://127.0.0.1:'],
  });
  const runtime = new NotifierRuntime(ds, settings, quiet);
  await runtime.start();
  return runtime;
}
