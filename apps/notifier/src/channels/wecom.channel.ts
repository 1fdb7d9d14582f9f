import { HttpPostChannel } from './http-post.channel';
import type { OutgoingMessage } from './notification-channel';

/** WeCom text content is limited to 2048 bytes of UTF-8. */
const MAX_BYTES = 2048;

/**
 * WeCom (企业微信) group robot: POST to `.../cgi-bin/webhook/send?key=KEY` a `text` message. The
 * robot has no signing (the key in the URL is the secret). Text, not markdown, because only text
 * can @-mention by mobile number (`mentioned_mobile_list`).
 */
export class WeComChannel extends HttpPostChannel {
  readonly name = 'wecom' as const;

  async send(msg: OutgoingMessage): Promise<void> {
    const { url, mobile } = this.target(msg, '未配置机器人地址 / no robot URL');
    const content = truncateUtf8(`${msg.title}\n${msg.body}`, MAX_BYTES);
    const body = JSON.stringify({ msgtype: 'text', text: { content, ...(mobile ? { mentioned_mobile_list: [mobile] } : {}) } });
    await this.postToRobot(url, body);
  }
}

export function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch + '…') > maxBytes) break;
    out += ch;
  }
  return `${out}…`;
}
