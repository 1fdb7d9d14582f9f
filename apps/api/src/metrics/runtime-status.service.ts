import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hazards/config';
import { LATENESS_BUCKETS, latenessHashKey } from '@hazards/metrics';
import { deadLetterCount } from '@hazards/persistence/notifications/dead-letters.repository';
import { sentInLastDay } from '@hazards/persistence/notifications/deliveries.repository';
import { QueueBoardService } from '../queue-board/queue-board.service';
import { REDIS } from '../redis.provider';
import { ApiMetricsService } from './api-metrics.service';
import type { RuntimeStatusDto } from './runtime-status.dto';

/**
 * The 运行状态 page's figures, from where each is kept for the whole deployment: the read model
 * (hazards, sends), BullMQ (queues), the notifiers' shared Redis hash (escalation lateness); and
 * request latency from this API instance's own histogram.
 */
@Injectable()
export class RuntimeStatusService {
  private readonly prefix: string;

  constructor(
    private readonly ds: DataSource,
    private readonly metrics: ApiMetricsService,
    private readonly board: QueueBoardService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.prefix = config.get('QUEUE_PREFIX');
  }

  async status(): Promise<RuntimeStatusDto> {
    const [figures, queues, dead, lateness, sent] = await Promise.all([
      this.metrics.hazardFigures(),
      this.board.metrics().catch(() => []),
      deadLetterCount(this.ds),
      this.redis.hgetall(latenessHashKey(this.prefix)).catch(() => ({}) as Record<string, string>),
      sentInLastDay(this.ds),
    ]);
    return {
      at: new Date().toISOString(),
      hazardsOpen: figures.open,
      hazardsOverdue: figures.overdue,
      queues,
      deadLetters: dead,
      escalationLateness: {
        buckets: [...LATENESS_BUCKETS.map(String), '+Inf'].map((le) => ({ le, count: Number(lateness[`le:${le}`] ?? 0) })),
        count: Number(lateness.count ?? 0),
        sumSeconds: Number(lateness.sum ?? 0),
      },
      sentLast24h: sent,
      http: await this.routeLatencies(),
    };
  }

  /** Per route: requests, and the bucket bounds holding p50 and p95 (what a histogram can tell). */
  private async routeLatencies(): Promise<RuntimeStatusDto['http']> {
    const { values } = await this.metrics.http.get();
    const byRoute = new Map<string, { le: number; count: number }[]>();
    for (const v of values) {
      if (!v.metricName?.endsWith('_bucket') || String(v.labels.route).startsWith('(')) continue;
      const route = `${v.labels.method} ${v.labels.route}`;
      const list = byRoute.get(route) ?? [];
      const bound = (v.labels as Record<string, string | number>).le;
      const le = bound === '+Inf' ? Infinity : Number(bound);
      const at = list.find((b) => b.le === le);
      if (at)
        at.count += v.value; // summed over status codes
      else list.push({ le, count: v.value });
      byRoute.set(route, list);
    }
    const quantile = (buckets: { le: number; count: number }[], q: number) => {
      const total = buckets[buckets.length - 1].count;
      const hit = buckets.find((b) => b.count >= q * total) ?? buckets[buckets.length - 1];
      return Number.isFinite(hit.le) ? Math.round(hit.le * 1000) : -1;
    };
    return [...byRoute]
      .map(([route, buckets]) => {
        buckets.sort((a, b) => a.le - b.le);
        return { route, requests: buckets[buckets.length - 1].count, p50Ms: quantile(buckets, 0.5), p95Ms: quantile(buckets, 0.95) };
      })
      .filter((r) => r.requests > 0)
      .sort((a, b) => b.requests - a.requests);
  }
}
