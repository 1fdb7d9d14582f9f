import { resolve } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAnchorEntries, currentHeads } from '../../../../libs/archive/src/anchor';
import { ArchiveKey } from '../../../../libs/archive/src/archive-key';
import { AppConfig } from '../../../../libs/config/src';

/**
 * Anchors the archive's chain heads to a file outside the database every
 * ARCHIVE_ANCHOR_INTERVAL_MS (0 = off), and once more at shutdown; a head that has not moved
 * since the last anchor is not written again.
 */
@Injectable()
export class ArchiveAnchorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ArchiveAnchor');
  private readonly key: ArchiveKey;
  private readonly file: string;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly written = new Map<string, number>();

  constructor(private readonly ds: DataSource, @Inject(AppConfig) config: AppConfig) {
    this.key = ArchiveKey.of(config.get('ARCHIVE_HMAC_KEY', { infer: true }));
    this.file = resolve(config.get('ARCHIVE_ANCHOR_FILE', { infer: true }));
    this.intervalMs = config.get('ARCHIVE_ANCHOR_INTERVAL_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.anchorNow(), this.intervalMs);
    this.timer.unref();
    void this.anchorNow();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    await this.running;
    await this.anchorNow();
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
