import { isIP } from 'node:net';

/**
 * Where the notifier may send (issue 16): DingTalk and WeCom group robots at their own hosts, or a
 * URL that starts with one an operator allowed (WEBHOOK_ALLOWED_URLS). The API checks it when a
 * preference is saved; the notifier again when it sends, together with the address the name
 * resolves to (isPublicAddress) unless the URL was allowed explicitly.
 */
export const ROBOT_ENDPOINTS: Record<'dingtalk' | 'wecom', { host: string; path: string }> = {
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send' },
  wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send' },
};

export type TargetVerdict = { ok: true; allowedExplicitly: boolean } | { ok: false; reason: string };

/** WEBHOOK_ALLOWED_URLS: comma-separated URL prefixes. */
export const parseAllowedUrls = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function checkChannelUrl(channel: string, url: string, allowed: string[]): TargetVerdict {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.username || u.password) return { ok: false, reason: 'credentials in the URL' };
  if (allowed.some((prefix) => url.startsWith(prefix))) return { ok: true, allowedExplicitly: true };
  const robot = ROBOT_ENDPOINTS[channel as keyof typeof ROBOT_ENDPOINTS];
  if (robot && u.protocol === 'https:' && u.hostname === robot.host && (u.port === '' || u.port === '443') && u.pathname === robot.path) {
    return { ok: true, allowedExplicitly: false };
  }
  return { ok: false, reason: robot ? `only ${robot.host}${robot.path} or an allowed URL` : 'only an allowed URL (WEBHOOK_ALLOWED_URLS)' };
}

/** False for loopback, private, link-local, unique-local, CGNAT, multicast, unspecified and documentation ranges. */
export function isPublicAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) return !PRIVATE_V4.some(([base, bits]) => inV4(address, base, bits));
  if (v === 6) {
    const a = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    if (mapped) return isPublicAddress(mapped[1]);
    return !(
      a === '::' ||
      a === '::1' ||
      /^f[cd]/.test(a) ||
      /^fe[89ab]/.test(a) ||
      /^ff/.test(a) ||
      a.startsWith('2001:db8') ||
      a.startsWith('64:ff9b')
    );
  }
  return false;
}

const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const v4 = (a: string) => a.split('.').reduce((n, p) => n * 256 + Number(p), 0);
const inV4 = (a: string, base: string, bits: number) => Math.floor(v4(a) / 2 ** (32 - bits)) === Math.floor(v4(base) / 2 ** (32 - bits));
