import { Agent, get, type IncomingMessage } from 'node:http';
import { startApi } from '@hazards/testing/api/api-app';

/*
 * A load balancer (or fetch) keeps its connection to the API open between requests and sends the
 * next request on it. If the API closed idle connections first (Node's default: 5 s), a request
 * sent as it closes one is reset instead of answered: the client sees "fetch failed, ECONNRESET".
 */

function getHealth(baseUrl: string, agent: Agent): Promise<{ res: IncomingMessage; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = get(`${baseUrl}/health`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ res, reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

it('keeps an idle connection open past 5 s and says for how long, so the client reuses it and is answered', async () => {
  const { app, baseUrl } = await startApi();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await getHealth(baseUrl, agent);
    expect(first.res.statusCode).toBe(200);
    expect(Number(/timeout=(\d+)/.exec(String(first.res.headers['keep-alive']))?.[1])).toBeGreaterThanOrEqual(60);
    await new Promise((ok) => setTimeout(ok, 6000));
    const second = await getHealth(baseUrl, agent);
    expect(second.res.statusCode).toBe(200);
    expect(second.reused).toBe(true);
  } finally {
    agent.destroy();
    await app.close();
  }
});
