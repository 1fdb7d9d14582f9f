import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsAccess } from './metrics-access';

export interface MetricsServerOptions {
  registry: Registry;
  host: string;
  port: number;
  token?: string;
  nodeEnv?: string;
  /** More Prometheus text appended to the registry's (the Temporal SDK's exporter). */
  extra?: () => Promise<string>;
}

/** GET /metrics on a port of its own, for the apps that serve no HTTP otherwise (worker, notifier). */
export async function startMetricsServer(o: MetricsServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const access = metricsAccess(req.headers.authorization, o.token, o.nodeEnv);
    if (access !== 'ok') {
      res
        .writeHead(access === 'unauthorized' ? 401 : 403, { 'content-type': 'text/plain; charset=utf-8' })
        .end(access === 'unauthorized' ? 'metrics: bearer token required\n' : 'metrics: set METRICS_TOKEN to allow scraping\n');
      return;
    }
    Promise.all([o.registry.metrics(), o.extra?.().catch(() => '') ?? ''])
      .then(([own, extra]) => res.writeHead(200, { 'content-type': o.registry.contentType }).end(own + (extra ? `\n${extra}` : '')))
      .catch((err) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return server;
}
