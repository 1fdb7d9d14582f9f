import { Runtime } from '@temporalio/worker';
import { freePort } from '../../../../infra/local-stack/net';

/** Where the Temporal SDK's own Prometheus exporter answers, when installed. */
let sdkMetricsUrl: string | null = null;

export const temporalSdkMetricsUrl = (): string | null => sdkMetricsUrl;

/**
 * The Temporal SDK (its Rust core) exports its worker series (task slots, poll and schedule-to-start
 * latencies, workflow and activity execution) through a Prometheus exporter of its own. It binds a
 * private loopback port; the worker's METRICS_PORT serves those series together with its own, so
 * there is one scrape target per worker. The runtime is installed once, before any connection,
 * which is why this reads METRICS_PORT from the environment before the Nest config exists.
 */
export async function installTemporalSdkMetrics(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.METRICS_PORT) return;
  const port = await freePort();
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${port}` } } } });
  sdkMetricsUrl = `http://127.0.0.1:${port}/metrics`;
}

/** The SDK's series as Prometheus text ('' while the exporter is not up). */
export async function scrapeTemporalSdk(): Promise<string> {
  if (!sdkMetricsUrl) return '';
  const res = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(3000) });
  return res.ok ? res.text() : '';
}
