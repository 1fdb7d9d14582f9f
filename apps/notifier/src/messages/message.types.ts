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
