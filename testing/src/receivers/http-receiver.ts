import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingTalkSign, verifyWebhookSignature } from '../../../apps/notifier/src/channels/signing';

export interface ReceivedRequest {
  kind: 'dingtalk' | 'wecom' | 'webhook' | 'failing';
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  raw: string;
  json: Record<string, unknown>;
  signatureOk: boolean;
  at: number;
}

/**
 * Stands in for DingTalk and WeCom robots and webhook endpoints: records the exact JSON and
 * headers, checks signatures the way each service does, and answers as they do.
 *   POST /dingtalk/robot/send?access_token=T[&timestamp&sign]   secrets by access token
 *   POST /wecom/cgi-bin/webhook/send?key=K
 *   POST /webhook/<name>                                          secrets by name
 *   POST /failing/<name>                                          always HTTP 503
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly dingTalkSecrets = new Map<string, string>();
  readonly webhookSecrets = new Map<string, string>();
  private server?: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://x');
        const query = Object.fromEntries(url.searchParams.entries());
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(raw);
        } catch {
          /* recorded as raw */
        }
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const record = (kind: ReceivedRequest['kind'], signatureOk: boolean) =>
          this.requests.push({ kind, path: url.pathname, query, headers: req.headers, raw, json, signatureOk, at: Date.now() });

        if (url.pathname === '/dingtalk/robot/send') {
          const secret = this.dingTalkSecrets.get(query.access_token ?? '');
          // DingTalk: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)); rejects timestamps over 1 hour off.
          const ok =
            !secret ||
            (!!query.timestamp &&
              !!query.sign &&
              Math.abs(Date.now() - Number(query.timestamp)) < 3600_000 &&
              query.sign === dingTalkSign(secret, Number(query.timestamp)));
          record('dingtalk', ok);
          return ok ? reply(200, { errcode: 0, errmsg: 'ok' }) : reply(200, { errcode: 310000, errmsg: 'sign not match' });
        }
        if (url.pathname === '/wecom/cgi-bin/webhook/send') {
          record('wecom', !!query.key);
          return query.key ? reply(200, { errcode: 0, errmsg: 'ok' }) : reply(200, { errcode: 93000, errmsg: 'invalid webhook url' });
        }
        if (url.pathname.startsWith('/webhook/')) {
          const secret = this.webhookSecrets.get(url.pathname.slice('/webhook/'.length));
          const ts = String(req.headers['x-hazard-timestamp'] ?? '');
          const ok = !secret || verifyWebhookSignature(secret, ts, raw, req.headers['x-hazard-signature'] as string | undefined);
          record('webhook', ok);
          return ok ? reply(200, { received: true }) : reply(401, { error: 'bad signature' });
        }
        if (url.pathname.startsWith('/failing/')) {
          record('failing', true);
          return reply(503, { error: 'service unavailable (test)' });
        }
        reply(404, { error: 'not found' });
      });
    });
    this.server.keepAliveTimeout = 1000;
    this.server.on('clientError', (_err, socket) => socket.destroy()); // a killed sender's reset connection
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  of(kind: ReceivedRequest['kind']): ReceivedRequest[] {
    return this.requests.filter((r) => r.kind === kind);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
