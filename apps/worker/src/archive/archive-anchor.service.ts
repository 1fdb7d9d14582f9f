import { resolve } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAnchorEntries, currentHeads, readAnchorFile } from '@hazards/archive/anchor';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { AppConfig } from '@hazards/config';
import { AdvisoryLockLeader } from '@hazards/persistence/leadership/advisory-lock-leader';

/** The advisory lock that makes one worker of many the anchor writer. */
export const ANCHOR_LEADER_LOCK = 'hazards:archive-anchor-writer';

/**
 * Anchors the archive's chain heads to a file outside the database every
 * ARCHIVE_ANCHOR_INTERVAL_MS (0 = off), and once more at shutdown; a head that has not moved
 * since the last anchor is not written again. With several workers only the one holding the
 * PostgreSQL advisory lock writes; when it dies another takes over within ANCHOR_LEADER_RETRY_MS.
 */
@Injectable()
export class ArchiveAnchorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ArchiveAnchor');
  private readonly key: ArchiveKey;
  private readonly file: string;
  private readonly intervalMs: number;
  private readonly leader: AdvisoryLockLeader;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly written = new Map<string, number>();

  constructor(
    private readonly ds: DataSource,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.key = ArchiveKey.of(config.get('ARCHIVE_HMAC_KEY', { infer: true }));
    this.file = resolve(config.get('ARCHIVE_ANCHOR_FILE', { infer: true }));
    this.intervalMs = config.get('ARCHIVE_ANCHOR_INTERVAL_MS', { infer: true });
    this.leader = new AdvisoryLockLeader(
      config.get('DATABASE_URL', { infer: true }),
      ANCHOR_LEADER_LOCK,
      {
        onElected: () => this.lead(),
        onDeposed: (why) => this.stepDown(why),
        warn: (m) => this.log.warn(m),
      },
      config.get('LEADER_RETRY_MS', { infer: true }),
    );
  }

  get isLeader(): boolean {
    return this.leader.isLeader;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.leader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leader.stop(); // the last anchor is written in stepDown(), while the lock is still held
  }

  private lead(): void {
    this.log.log('anchor writer: this worker holds the lock');
    // What earlier leaders wrote: a head that has not moved is not written again.
    for (const e of readAnchorFile(this.file, this.key).entries) if (e.kind === 'head') this.written.set(e.chain, e.seq);
    this.timer = setInterval(() => void this.anchorNow(), this.intervalMs);
    this.timer.unref();
    void this.anchorNow();
  }

  /** At shutdown the lock is still held: one last anchor. A lost lock may have a new holder already: no write. */
  private async stepDown(why: 'stop' | 'lost'): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    if (why === 'stop') await this.anchorNow();
  }

  /** Writes the heads that moved; failures are logged and retried at the next tick. */
  anchorNow(): Promise<void> {
    this.running = (async () => {
      try {
        const heads = (await currentHeads(this.ds, this.key)).filter((h) => this.written.get(h.chain) !== h.seq);
        await appendAnchorEntries(this.file, heads);
        for (const h of heads) this.written.set(h.chain, h.seq);
      } catch (err) {
        this.log.warn(`anchoring the archive chain heads failed: ${err instanceof Error ? err.message : err}`);
      }
    })();
    return this.running;
  }
}
