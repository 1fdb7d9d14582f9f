import { ChannelError } from './notification-channel';
import type { ChannelName } from '../../../../libs/persistence/src/entities/notification.entities';

/** POSTs JSON with a time limit; anything but 2xx is an error carrying the far side's answer. */
export async function postJson(
  channel: ChannelName, url: string, body: string, headers: Record<string, string>, timeoutMs: number,
): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ChannelError(channel, `请求失败 / request failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new ChannelError(channel, `HTTP ${res.status}: ${text.slice(0, 500)}`);
  return { status: res.status, text };
}

/** Robots answer 200 with `{ errcode, errmsg }`; errcode 0 is success. */
export function checkRobotReply(channel: ChannelName, text: string): void {
  let reply: { errcode?: number; errmsg?: string };
  try {
    reply = JSON.parse(text);
  } catch {
    throw new ChannelError(channel, `无法解析的应答 / unreadable reply: ${text.slice(0, 200)}`);
  }
  if (reply.errcode !== 0) throw new ChannelError(channel, `errcode=${reply.errcode} errmsg=${reply.errmsg}`);
}
