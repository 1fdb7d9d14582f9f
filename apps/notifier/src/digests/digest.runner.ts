import type { DataSource } from 'typeorm';
import { LiveCalendar } from '@hazards/calendar/live-calendar';
import { isProvisionalInstant } from '@hazards/domain/calendar/calendar-coverage';
import {
  claimDigestItems,
  digestMessageKeys,
  dropStaleReminders,
  openDigest,
  pendingDigestRecipients,
  setDigestItemCount,
} from '@hazards/persistence/notifications/digests.repository';
import type { ChannelPreferenceResolver } from '../channels/channel-preference.resolver';
import { loadHazardContexts } from '../messages/hazard-context.loader';
import { composeDigest, type DigestEntry } from '../messages/message-composer';
import type { MessageStore } from '../messages/message.store';
import type { RecipientResolver } from '../recipients/recipient.resolver';
import type { NewsInfo } from '../recipients/news-audience';
import type { Recipient } from '../recipients/recipient.types';

/** Nothing to send after all (every item stale): undo the day's digest row. */
class NothingToSend extends Error {}

/**
 * The daily digest: every pending reminder item is gathered per effective recipient (a delegate
 * receives the items of whoever they stand in for) into one message for the Asia/Shanghai day,
 * with the day's news for the level above (listings, sign-offs, missing filings: issue 18).
 * `reminder_digests` is unique per recipient and day, so a second run the same day sends nothing
 * new; items that arrive after today's digest wait for tomorrow's. Each item is claimed by one
 * digest only, so no reminder reaches anyone twice.
 */
export class DigestRunner {
  /** Which years are official: a reminder about a deadline beyond them says it is provisional. */
  private readonly calendar: LiveCalendar;

  constructor(
    private readonly ds: DataSource,
    private readonly recipients: RecipientResolver,
    private readonly preferences: ChannelPreferenceResolver,
    private readonly store: MessageStore,
    private readonly baseUrl: string,
    /** Only reminders of hazards whose id starts with this (the notifier's hazard scope; tests). */
    private readonly hazardPrefix: string | null = null,
  ) {
    this.calendar = new LiveCalendar(ds);
  }

  async run(digestDate: string, now = new Date()): Promise<{ digests: number; items: number }> {
    const pending = await pendingDigestRecipients<Recipient>(this.ds, this.hazardPrefix);
    const groups = new Map<string, { recipient: Recipient; originals: Recipient[] }>();
    for (const p of pending) {
      const [eff] = await this.recipients.applyDelegation([p.recipient], now);
      const g = groups.get(eff.key);
      if (g) {
        for (const reason of eff.reasons) if (!g.recipient.reasons.includes(reason)) g.recipient.reasons.push(reason);
        g.originals.push(p.recipient);
      } else {
        const { onBehalfOf: _o, ...self } = eff;
        groups.set(eff.key, { recipient: { ...self, reasons: [...eff.reasons] }, originals: [p.recipient] });
      }
    }
    let digests = 0;
    let items = 0;
    const messageKeys: string[] = [];
    const { officialYears } = await this.calendar.get();
    for (const [key, g] of groups) {
      const messageKey = `digest|${key}|${digestDate}`;
      const channels = await this.preferences.channelsFor(g.recipient);
      try {
        await this.store.transaction(async (m, insert) => {
          const digestId = await openDigest(m, { recipientKey: key, digestDate, messageKey });
          if (!digestId) return; // today's digest is out already; these items wait for tomorrow
          // `info` is set for news (a listing, a sign-off, a missing filing): what to say, never stale.
          const claimed = await claimDigestItems<NewsInfo>(
            m,
            digestId,
            g.originals.map((o) => o.key),
            this.hazardPrefix,
          );
          const hazards = await loadHazardContexts(m, [...new Set(claimed.map((c) => c.hazard_id))]);
          const byEvent = new Map<string, DigestEntry>();
          const news = new Map<string, NewsInfo>();
          for (const c of claimed.sort((a, b) => Number(a.id) - Number(b.id))) {
            if (c.info) {
              news.set(c.event_id, c.info);
              continue;
            }
            const h = hazards.get(c.hazard_id);
            // Stale: the hazard is closed or withdrawn, or the deadline has passed (escalation takes over).
            if (!h || h.status === 'closed' || h.status === 'withdrawn' || new Date(c.due_at).getTime() <= now.getTime()) continue;
            if (byEvent.has(c.event_id)) continue; // the same reminder for the delegate and for whom they stand in
            const original = g.originals.find((o) => o.key === c.recipient_key);
            byEvent.set(c.event_id, {
              hazard: h,
              deadlineKind: c.deadline_kind,
              dueAt: c.due_at,
              daysBefore: c.days_before,
              provisional: isProvisionalInstant(c.due_at, officialYears),
              ...(original && original.key !== key ? { onBehalfOf: original.name } : {}),
            });
          }
          if (byEvent.size === 0 && news.size === 0) throw new NothingToSend();
          const entries = [...byEvent.values()];
          const c = composeDigest(g.recipient, entries, digestDate, this.baseUrl, [...news.values()]);
          await setDigestItemCount(m, digestId, entries.length + news.size);
          await insert([
            {
              messageKey,
              kind: 'reminder_digest',
              recipient: g.recipient,
              hazardId: entries.length === 1 && news.size === 0 ? entries[0].hazard.id : null,
              eventId: null,
              title: c.title,
              body: c.body,
              link: c.link,
              data: c.data,
              channels,
            },
          ]);
          digests++;
          items += entries.length + news.size;
        });
      } catch (err) {
        if (!(err instanceof NothingToSend)) throw err;
        // Stale items are consumed all the same, without a digest, so they never come back.
        await dropStaleReminders(
          this.ds,
          g.originals.map((o) => o.key),
          now,
          this.hazardPrefix,
        );
      }
      messageKeys.push(messageKey);
    }
    // After the commits: a crash before this line re-runs the job, which finds the digests and enqueues again.
    const reEnqueue = await digestMessageKeys(this.ds, digestDate, this.hazardPrefix);
    await this.store.enqueuePending({ messageKeys: [...new Set([...messageKeys, ...reEnqueue])] });
    return { digests, items };
  }
}
