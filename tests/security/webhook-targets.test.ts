import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { publicOnly } from '../../apps/notifier/src/channels/http-post';
import type { OutgoingMessage } from '../../apps/notifier/src/channels/notification-channel';
import { WebhookChannel } from '../../apps/notifier/src/channels/webhook.channel';
import { isPublicAddress } from '@hazards/events/channel-targets';
import { startApi } from '@hazards/testing/api/api-app';
import { apiClient } from '@hazards/testing/api/http-client';
import { createReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';

/*
 * A user points their webhook at the cloud metadata address or an intranet service, or a far side
 * answers with a redirect or with data it should not hand out. Only the robot hosts and URLs an
 * operator allowed are saved and sent to; a name that resolves to a private address is refused
 * on the connection itself; redirects are not followed; the far side's body is never kept.
 */

let ds: DataSource;
let app: INestApplication;
let api: ReturnType<typeof apiClient>;
let token: string;
let far: Server;
let farUrl: string;
const arrived: string[] = [];

beforeAll(async () => {
  ds = await openTestDataSource();
  const tree = await createReferenceTree(ds);
  let baseUrl: string;
  ({ app, baseUrl } = await startApi());
  api = apiClient(baseUrl);
  token = await api.login(tree.users.townA, TEST_PASSWORD);
  far = createServer((req, res) => {
    arrived.push(req.url!);
    req.resume();
    if (req.url === '/moved') res.writeHead(302, { location: '/internal-admin' }).end();
    else if (req.url === '/leaky') res.writeHead(500).end('SECRET-INTERNAL-DATA');
    else res.writeHead(200).end('ok');
  });
  await new Promise<void>((ok) => far.listen(0, '127.0.0.1', ok));
  farUrl = `http://127.0.0.1:${(far.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await ds?.destroy();
  far?.close();
});

const msg = (url: string): OutgoingMessage => ({
  deliveryKey: 'd-1',
  messageKey: 'm-1',
  kind: 'escalation',
  title: '督办',
  body: '逾期',
  link: null,
  hazardId: null,
  recipient: { key: 'u', name: 'u' } as OutgoingMessage['recipient'],
  data: {},
  target: { url },
});

describe('where notifications may go', () => {
  it('saves only robot endpoints and allowed URLs (422 for the metadata address, an intranet host, a look-alike robot)', async () => {
    const put = (channel: string, url: string) =>
      api.call('PUT', `/notification-preferences/me/${channel}`, { token, body: { enabled: true, url } });
    for (const [channel, url] of [
      ['webhook', 'http://169.254.169.254/latest/meta-data/'],
      ['webhook', 'http://10.0.0.8/hook'],
      ['dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=x'],
      ['dingtalk', 'https://oapi.dingtalk.com.evil.example/robot/send'],
      ['wecom', 'https://localhost/cgi-bin/webhook/send?key=k'],
    ]) {
      const r = await put(channel, url);
      expect({ url, status: r.status, code: r.body.code }).toEqual({ url, status: 422, code: 'url_not_allowed' });
    }
    expect((await put('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc')).status).toBe(200);
    expect((await put('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k')).status).toBe(200);
    expect((await put('webhook', 'https://hooks.example.gov.cn/county')).status).toBe(200);
  });

  it('sends nothing to a loopback URL that was not allowed, and refuses names that resolve to private addresses', async () => {
    const closed = new WebhookChannel({ timeoutMs: 2000, allowedUrls: [] });
    await expect(closed.send(msg(`${farUrl}/hook`))).rejects.toThrow(/target not allowed/);
    expect(arrived).toEqual([]);
    const looked = await new Promise<Error | null>((done) => publicOnly('localhost', {}, (err) => done(err)));
    expect(looked?.message).toMatch(/private or link-local/);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ]) {
      expect({ a, public: isPublicAddress(a) }).toEqual({ a, public: false });
    }
    expect(isPublicAddress('203.119.129.10')).toBe(true);
  });

  it("does not follow a redirect, and keeps none of the far side's body in the error", async () => {
    const allowed = new WebhookChannel({ timeoutMs: 2000, allowedUrls: [farUrl] });
    await expect(allowed.send(msg(`${farUrl}/moved`))).rejects.toThrow(/HTTP 302.*redirect refused/);
    expect(arrived).toEqual(['/moved']);
    const err = await allowed.send(msg(`${farUrl}/leaky`)).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/HTTP 500/);
    expect((err as Error).message).not.toContain('SECRET');
  });
});
