import type { DataSource } from 'typeorm';
import { CHANNELS, type ChannelName } from '@hazards/domain/notifications/channels';
import { ChannelPreferencesRepository } from '@hazards/persistence/notifications/channel-preferences.repository';
import type { Recipient } from '../recipients/recipient.types';

export interface ChannelTarget {
  channel: ChannelName;
  /** Where to: { address } for e-mail, { url, secret } for robots and webhooks, { userId } for the inbox. */
  target: Record<string, unknown>;
}

/**
 * The channels a recipient receives on. Rows are read nearest first: the recipient's own
 * (user / enterprise / department), then its jurisdiction and every node above it. The nearest
 * row decides on/off; targets merge, nearer keys winning, so a user can switch on the township's
 * DingTalk robot without repeating its URL. With no row at all: inbox for accounts, e-mail where
 * an address is known. A recipient whose channels all end up off still gets the inbox if they
 * have an account, so a switched-off preference never silences an escalation completely.
 */
export class ChannelPreferenceResolver {
  private readonly preferences: ChannelPreferencesRepository;

  constructor(ds: DataSource) {
    this.preferences = new ChannelPreferencesRepository(ds);
  }

  async channelsFor(r: Recipient): Promise<ChannelTarget[]> {
    const chain = await this.jurisdictionChain(r.jurisdictionId);
    const rows = await this.preferences.forRecipient<ChannelName>(r.preferenceScope.scope, r.preferenceScope.id, chain);
    // Rank: own row 0, then the jurisdiction chain nearest first.
    const rank = (row: (typeof rows)[number]) => (row.scope === 'jurisdiction' ? 1 + chain.indexOf(row.scope_id) : 0);
    const out: ChannelTarget[] = [];
    for (const channel of CHANNELS) {
      const mine = rows.filter((row) => row.channel === channel).sort((a, b) => rank(a) - rank(b));
      const enabled = mine.length > 0 ? mine[0].enabled : defaultOn(channel, r);
      if (!enabled) continue;
      const target = Object.assign({}, ...[...mine].reverse().map((row) => row.target)) as Record<string, unknown>;
      const resolved = complete(channel, target, r);
      if (resolved) out.push({ channel, target: resolved });
    }
    if (out.length === 0 && r.userId) out.push({ channel: 'inbox', target: { userId: r.userId } });
    return out;
  }

  /** The node and its ancestors, nearest first, from the node's path. */
  private async jurisdictionChain(id: string | null): Promise<string[]> {
    if (!id) return [];
    const path = await this.preferences.jurisdictionPath(id);
    return path ? path.split('/').filter(Boolean).reverse() : [id];
  }
}

function defaultOn(channel: ChannelName, r: Recipient): boolean {
  if (channel === 'inbox') return r.userId !== null;
  if (channel === 'email') return r.email !== null;
  return false;
}

/** Fills in what the recipient knows (address, account, phone to @) and drops targets that cannot work. */
function complete(channel: ChannelName, t: Record<string, unknown>, r: Recipient): Record<string, unknown> | null {
  switch (channel) {
    case 'inbox':
      return r.userId ? { userId: r.userId } : null;
    case 'email': {
      const address = (t.address as string | undefined) ?? r.email;
      return address ? { address } : null;
    }
    case 'dingtalk':
    case 'wecom':
      return typeof t.url === 'string' ? { ...t, ...(r.phone ? { mobile: r.phone } : {}) } : null;
    case 'webhook':
      return typeof t.url === 'string' ? t : null;
  }
}
