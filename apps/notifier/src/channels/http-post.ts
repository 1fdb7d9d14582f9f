import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkChannelUrl, isPublicAddress } from '@hazards/events/channel-targets';
import type { ChannelName } from '@hazards/domain/notifications/channels';
import { ChannelError } from './notification-channel';

/** How much of a reply is read at most (a robot's JSON answer is small); the rest is dropped. */
const MAX_REPLY_BYTES = 16 * 1024;

/** Outgoing HTTP of the robot and webhook channels, with the rules of libs/events channel-targets. */
export interface OutboundPolicy {
  timeoutMs: number;
  /** URL prefixes an operator allowed (WEBHOOK_ALLOWED_URLS): sent to as they are, private addresses included. */
  allowedUrls: string[];
}

/** Resolves like dns.lookup, then refuses any non-public address: checked on the connection itself, so a name cannot change its answer in between. */
export const publicOnly: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad || !list.length)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a private or link-local address (${bad?.address ?? 'none'})`), {
          code: 'EADDRNOTPUBLIC',
        }),
        '',
        0,
      );
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/**
 * POSTs JSON to a channel's URL: only to an allowed target, never following a redirect, reading at
 * most 16 KiB of the reply. A failure says what happened (status, the robot's errcode) but never
 * carries the far side's body, which stays out of the database and the dead letters.
 */
export async function postJson(
  channel: ChannelName,
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
): Promise<{ status: number; text: string }> {
  const verdict = checkChannelUrl(channel, url, policy.allowedUrls);
  if (!verdict.ok) throw new ChannelError(channel, `目标地址不允许 / target not allowed: ${verdict.reason}`);
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers },
        timeout: policy.timeoutMs,
        ...(verdict.allowedExplicitly ? {} : { lookup: publicOnly }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.destroy();
          return reject(new ChannelError(channel, `HTTP ${status}: 不跟随重定向 / redirect refused`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_REPLY_BYTES) chunks.push(c);
          else res.destroy();
        });
        res.on('close', () => {
          if (status < 200 || status >= 300) return reject(new ChannelError(channel, `HTTP ${status}`));
          resolve({ status, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', () => undefined);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${policy.timeoutMs} ms`)));
    req.on('error', (err) => reject(new ChannelError(channel, `请求失败 / request failed: ${err.message}`)));
    req.end(body);
  });
}

/** Robots answer 200 with `{ errcode, errmsg }`; errcode 0 is success. Only those two fields are kept. */
export function checkRobotReply(channel: ChannelName, text: string): void {
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(text);
  } catch {
    throw new ChannelError(channel, '无法解析的应答 / unreadable reply');
  }
  if (reply.errcode !== 0) {
    const msg = typeof reply.errmsg === 'string' ? reply.errmsg.replace(/[^\w .,:;'"()/-]/g, '').slice(0, 100) : '';
    throw new ChannelError(channel, `errcode=${Number(reply.errcode)} errmsg=${msg}`);
  }
}
