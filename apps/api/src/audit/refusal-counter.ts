import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Request } from 'express';
import { RefusalCountsRepository, type RefusalCount } from '@hazards/persistence/audit/refusal-counts.repository';

const FLUSH_MS = 2000;
/** Distinct (minute, source, status, code) keys held in memory at most, so a flood from many
 *  addresses while the database is unreachable cannot grow the heap without bound. */
const MAX_PENDING_KEYS = 50_000;

/**
 * Anonymous refusals (no valid token: 401, a bad body before login …) and rate-limit answers (429)
 * are counted per minute, source address, status and code, not sealed one audit row each: anyone
 * can send them by the thousand, and the audit chain must not grow (nor its head lock slow every
 * audited write) with what anyone sends. Counts are gathered in memory and written every two
 * seconds (a crash loses at most those seconds of counts, never a sealed row).
 */
@Injectable()
export class RefusalCounter implements OnApplicationShutdown {
  private readonly log = new Logger(RefusalCounter.name);
  private pending = new Map<string, RefusalCount>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly counts: RefusalCountsRepository) {
    this.timer = setInterval(() => void this.flush().catch((e) => this.log.warn(`refusal counts not written: ${e}`)), FLUSH_MS);
    this.timer.unref();
  }

  count(req: Request, status: number, code: string): void {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    const key = `${minute}|${ip}|${status}|${code}`;
    const c = this.pending.get(key);
    if (c) c.n++;
    else if (this.pending.size < MAX_PENDING_KEYS) this.pending.set(key, { minute, ip, status, code, n: 1 });
  }

  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const batch = this.pending;
    const rows = [...batch.values()];
    this.pending = new Map();
    try {
      await this.counts.add(rows);
    } catch (e) {
      // Put the batch back so a failed write (database busy or restarting) is retried, not lost.
      for (const [key, r] of batch) {
        const c = this.pending.get(key);
        if (c) c.n += r.n;
        else this.pending.set(key, r);
      }
      throw e;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
}
