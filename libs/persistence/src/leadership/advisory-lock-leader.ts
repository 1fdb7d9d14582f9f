import { Client } from 'pg';

export interface LeaderHooks {
  /** This process now holds the lock: start the once-only work. */
  onElected(): void | Promise<void>;
  /** The lock is released at stop (still held while this runs) or lost with the connection: stop the work. */
  onDeposed(why: 'stop' | 'lost'): void | Promise<void>;
  warn?(msg: string): void;
}

/**
 * Leader election by a PostgreSQL session advisory lock, for work that must run in exactly one of
 * N instances (the archive anchor writer). Each instance keeps one connection of its own and tries
 * `pg_try_advisory_lock` every `retryMs`; the holder checks its connection at the same pace. The
 * lock lives as long as the holder's session, so a holder killed with kill -9 frees it as soon
 * as PostgreSQL sees the socket close, and another instance takes over at its next try. A holder
 * that loses its connection steps down at once (its lock went with the session).
 */
export class AdvisoryLockLeader {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private leading = false;
  private ticking?: Promise<void>;

  constructor(
    private readonly databaseUrl: string,
    /** Names the lock; hashed to the lock key by PostgreSQL's hashtext, the same in every instance. */
    readonly lockName: string,
    private readonly hooks: LeaderHooks,
    private readonly retryMs = 5000,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      this.ticking = this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.retryMs);
      });
    };
    loop();
  }

  /** Steps down (onDeposed), releases the lock and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.stepDown('stop');
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      const client = await this.connection();
      if (this.leading) {
        await client.query('select 1');
        return;
      }
      const [row] = (await client.query<{ got: boolean }>('select pg_try_advisory_lock(hashtext($1)) as got', [this.lockName])).rows;
      if (row.got && !this.stopped) {
        this.leading = true;
        await this.hooks.onElected();
      }
    } catch (err) {
      this.hooks.warn?.(`leader election (${this.lockName}): ${err instanceof Error ? err.message : err}`);
      const client = this.client;
      this.client = undefined;
      await this.stepDown('lost');
      await client?.end().catch(() => undefined);
    }
  }

  private async stepDown(why: 'stop' | 'lost'): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.hooks.onDeposed(why);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: 5000,
      application_name: `leader:${this.lockName}`,
    });
    // The lock went with the session: step down at once, not at the next tick.
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      if (!this.stopped) this.hooks.warn?.(`leader election (${this.lockName}): connection lost (${why})`);
      void this.stepDown('lost');
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('closed'));
    await client.connect();
    this.client = client;
    return client;
  }
}
