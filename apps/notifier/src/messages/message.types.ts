import type { ChannelTarget } from '../channels/channel-preference.resolver';
import type { Recipient } from '../recipients/recipient.types';

export type MessageKind =
  | 'reminder_digest'
  | 'escalation'
  | 'accountability'
  | 'closure'
  | 'filing_reminder'
  | 'deadline_change'
  | 'notice'
  | 'document'
  | 'interview';

/** A composed message for one recipient, with the channels it goes out on. */
export interface MessageDraft {
  messageKey: string;
  kind: MessageKind;
  recipient: Recipient;
  hazardId: string | null;
  eventId: string | null;
  title: string;
  body: string;
  link: string | null;
  /** Structured content for channels that format their own (robots, webhooks). */
  data: Record<string, unknown>;
  channels: ChannelTarget[];
}

/**
 * The message of one event to one recipient. Keyed kind|event|recipient: a redelivered event finds
 * its messages already there and makes no second one.
 */
export function eventDraft(
  kind: MessageKind,
  event: { eventId: string },
  recipient: Recipient,
  hazardId: string | null,
  composed: { title: string; body: string; link: string | null; data: Record<string, unknown> },
  channels: ChannelTarget[],
): MessageDraft {
  const { title, body, link, data } = composed;
  return {
    messageKey: `${kind}|${event.eventId}|${recipient.key}`,
    kind,
    recipient,
    hazardId,
    eventId: event.eventId,
    title,
    body,
    link,
    data,
    channels,
  };
}
