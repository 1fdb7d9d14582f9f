import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';

/*
 * Two API instances behind one address count one client's requests together: the limit is per
 * client for the whole deployment, not per instance.
 */
describe('the rate limit across API instances', () => {
  const saved = { limit: process.env.RATE_LIMIT_PER_MINUTE, prefix: process.env.QUEUE_PREFIX };
  const apps: INestApplication[] = [];
  let urls: string[] = [];

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '10';
    process.env.QUEUE_PREFIX = `rl-${randomUUID().slice(0, 8)}`; // a count of its own in the shared Redis
    try {
      // The configuration is read when its module is first loaded: load the API after setting it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only now, after the settings above
      const { startApi } = require('@hazards/testing/api/api-app') as typeof import('@hazards/testing/api/api-app');
      const started = [await startApi(), await startApi()];
      apps.push(...started.map((s) => s.app));
      urls = started.map((s) => s.baseUrl);
    } finally {
      process.env.RATE_LIMIT_PER_MINUTE = saved.limit;
      process.env.QUEUE_PREFIX = saved.prefix;
    }
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('refuses the 11th request of a minute whichever instance receives it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${urls[i % 2]}/metrics`)).status);
    // 10 answered, then 429 from either instance; each alone has seen only 6.
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
