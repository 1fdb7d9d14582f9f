import type { ChannelName } from '@hazards/domain/notifications/channels';
import { checkRobotReply, postJson, type OutboundPolicy } from './http-post';
import { ChannelError, type NotificationChannel, type OutgoingMessage } from './notification-channel';

/** Where a robot or webhook message goes, from the recipient's channel target. */
export interface HttpTarget {
  url: string;
  secret?: string;
  mobile?: string;
}

/**
 * The robot and webhook channels: each POSTs JSON to the URL of the recipient's target, under the
 * outbound policy. Not transactional: an HTTP call cannot join the delivery's database transaction.
 */
export abstract class HttpPostChannel implements NotificationChannel {
  abstract readonly name: ChannelName;
  readonly transactional = false;

  constructor(
    protected readonly http: OutboundPolicy,
    protected readonly now: () => number = Date.now,
  ) {}

  abstract send(msg: OutgoingMessage): Promise<void>;

  /** The target's URL (refused with `missing` when there is none), signing secret and mobile number. */
  protected target(msg: OutgoingMessage, missing: string): HttpTarget {
    const url = msg.target.url as string | undefined;
    if (!url) throw new ChannelError(this.name, missing);
    return { url, secret: msg.target.secret as string | undefined, mobile: msg.target.mobile as string | undefined };
  }

  /** POSTs to a group robot, whose reply must say errcode 0 as well as HTTP 2xx. */
  protected async postToRobot(url: string, body: string): Promise<void> {
    const res = await postJson(this.name, url, body, {}, this.http);
    checkRobotReply(this.name, res.text);
  }
}
