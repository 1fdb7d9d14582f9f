import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import Redis from 'ioredis';
import type { TemporalClientService } from '@hazards/temporal';
import { RedisHealthIndicator, TemporalHealthIndicator } from '../../apps/api/src/health/dependency-health.indicators';
import { freePort } from '../../infra/local-stack/net';
import { startApi } from '@hazards/testing/api/api-app';

describe('health of the system a supervisor relies on', () => {
  it('reports PostgreSQL, Redis and Temporal each as up, with a request id on the answer', async () => {
    const { app, baseUrl } = await startApi();
    try {
      const res = await fetch(`${baseUrl}/health`, { headers: { 'X-Request-Id': 'req-health-1' } });
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' } });
      expect(res.headers.get('x-request-id')).toBe('req-health-1');
    } finally {
      await app.close();
    }
  });

  it('serves the OpenAPI document at /docs', async () => {
    const { app, baseUrl } = await startApi();
    try {
      const res = await fetch(`${baseUrl}/docs/json`);
      const doc = await res.json();
      expect(res.status).toBe(200);
      expect(doc.paths['/health']).toBeDefined();
    } finally {
      await app.close();
    }
  });

  it('reports a Redis that does not answer as down, with the reason, quickly', async () => {
    const deadPort = await freePort();
    const redis = new Redis(`redis://127.0.0.1:${deadPort}`, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => undefined);
    const indicator = new RedisHealthIndicator(new HealthIndicatorService(), redis);
    const result = await indicator.check('redis');
    expect(result.redis.status).toBe('down');
    expect(String(result.redis.reason)).toMatch(/ECONNREFUSED|closed|no answer|Connection/i);
    redis.disconnect();
  });

  it('reports a Temporal that stopped answering as down, and leaves no call retrying behind it', async () => {
    // A gRPC frontend that answers, then goes unavailable (as a Temporal server being restarted does).
    const frontend = await fakeFrontend();
    const connection = await Connection.connect({ address: frontend.address });
    try {
      frontend.answering = false;
      const indicator = new TemporalHealthIndicator(new HealthIndicatorService(), { connection } as TemporalClientService);
      const result = await indicator.check('temporal');
      expect(result.temporal.status).toBe('down');
      // The client retries an unavailable server with backoff: 10 attempts, the last 11.9–17.8 s
      // after the first. A probe that merely stopped waiting would leave its call retrying long
      // after /health answered, one more for every probe of a load balancer while Temporal is down.
      // With the deadline, the call ends at its first attempt past it: within one backoff (≤ 6 s).
      await sleep(8_000);
      const settled = frontend.calls;
      await sleep(8_000);
      expect(frontend.calls).toBe(settled);
    } finally {
      await connection.close();
      frontend.server.close();
    }
  }, 60_000);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A plain HTTP/2 server speaking just enough gRPC: an empty OK answer, or UNAVAILABLE, to every call. */
async function fakeFrontend(): Promise<{ server: Http2Server; address: string; answering: boolean; calls: number }> {
  const server = createServer();
  const state = { server, address: '', answering: true, calls: 0 };
  server.on('stream', (stream) => {
    state.calls += 1;
    stream.on('data', () => undefined);
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () =>
        stream.sendTrailers(state.answering ? { 'grpc-status': '0' } : { 'grpc-status': '14', 'grpc-message': 'unavailable (test)' }),
      );
      // An empty message: no compression, length 0.
      stream.end(state.answering ? Buffer.alloc(5) : undefined);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
