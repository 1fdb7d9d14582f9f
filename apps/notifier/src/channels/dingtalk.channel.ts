import { HttpPostChannel } from './http-post.channel';
import type { OutgoingMessage } from './notification-channel';
import { dingTalkSign } from './signing';

/**
 * DingTalk custom group robot (自定义机器人): POST to the robot's webhook URL (with its
 * access_token) a `markdown` message; with 加签 the URL also carries `timestamp` and `sign`.
 * The recipient is @-mentioned by mobile number (`at.atMobiles` plus "@mobile" in the text).
 */
export class DingTalkChannel extends HttpPostChannel {
  readonly name = 'dingtalk' as const;

  async send(msg: OutgoingMessage): Promise<void> {
    const { url, secret, mobile } = this.target(msg, '未配置机器人地址 / no robot URL');
    let endpoint = url;
    if (secret) {
      const timestamp = this.now();
      endpoint += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(dingTalkSign(secret, timestamp))}`;
    }
    const text = [
      `#### ${msg.title}`,
      '',
      ...msg.body.split('\n').map((l) => (l === '---' ? '\n---\n' : `${l}  `)),
      '',
      msg.link ? `[查看详情 / Details](${msg.link})` : '',
      mobile ? `@${mobile}` : '',
    ]
      .join('\n')
      .trim();
    const body = JSON.stringify({
      msgtype: 'markdown',
      markdown: { title: msg.title, text },
      at: { atMobiles: mobile ? [mobile] : [], isAtAll: false },
    });
    await this.postToRobot(endpoint, body);
  }
}
