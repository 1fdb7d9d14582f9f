import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/* Channel preferences as the API writes them: per user or per jurisdiction (the notifier resolves the nearest scope). */

export type PreferenceScope = 'user' | 'jurisdiction';

export interface ChannelPreferenceRow {
  channel: string;
  enabled: boolean;
  target: Record<string, unknown>;
}

@Injectable()
export class ChannelPreferencesRepository {
  constructor(private readonly ds: DataSource) {}

  async jurisdictionPath(id: string): Promise<string | undefined> {
    const [j] = (await this.ds.query(`select path from jurisdictions where id = $1`, [id])) as { path: string }[];
    return j?.path;
  }

  /** One scope's preferences, by channel. */
  list(scope: PreferenceScope, scopeId: string): Promise<ChannelPreferenceRow[]> {
    return this.ds.query(`select channel, enabled, target from channel_preferences where scope = $1 and scope_id = $2 order by channel`, [
      scope,
      scopeId,
    ]);
  }

  /** The rows a notifier weighs for a recipient: its own scope's, and those of the jurisdictions in `chain`. */
  forRecipient<Channel extends string>(
    scope: string,
    scopeId: string,
    chain: string[],
  ): Promise<{ scope: string; scope_id: string; channel: Channel; enabled: boolean; target: Record<string, unknown> }[]> {
    return this.ds.query(
      `select scope, scope_id, channel, enabled, target from channel_preferences
        where (scope = $1 and scope_id = $2) or (scope = 'jurisdiction' and scope_id = any($3::text[]))`,
      [scope, scopeId, chain],
    );
  }

  async upsert(scope: PreferenceScope, scopeId: string, p: ChannelPreferenceRow): Promise<void> {
    await this.ds.query(
      `insert into channel_preferences (scope, scope_id, channel, enabled, target) values ($1,$2,$3,$4,$5)
       on conflict (scope, scope_id, channel) do update set enabled = excluded.enabled, target = excluded.target, updated_at = now()`,
      [scope, scopeId, p.channel, p.enabled, JSON.stringify(p.target)],
    );
  }
}
