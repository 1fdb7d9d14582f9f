import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { RedisHealthIndicator } from '../../apps/api/src/health/dependency-health.indicators';
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
});
