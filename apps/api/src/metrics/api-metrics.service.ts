import { Injectable } from '@nestjs/common';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { createMetricsRegistry, HTTP_BUCKETS, METRIC } from '@hazards/metrics';
import { HazardReadRepository, type HazardFigures } from '@hazards/persistence/hazards/hazard-read.repository';

/** How long the read model's figures are reused between scrapes (several Prometheus servers, several API instances). */
const FIGURES_TTL_MS = 10_000;

/**
 * The API's series: request latency per route template (never a path with ids in it) and the
 * read model's hazard figures, computed at scrape time. Every API instance reports the same
 * hazard figures: a dashboard takes their max.
 */
@Injectable()
export class ApiMetricsService {
  readonly registry: Registry = createMetricsRegistry('api');
  readonly http: Histogram<'method' | 'route' | 'status_code'>;
  private figures?: { at: number; value: Promise<HazardFigures> };

  constructor(private readonly hazards: HazardReadRepository) {
    const registers = [this.registry];
    this.http = new Histogram({
      name: METRIC.httpDuration,
      help: 'HTTP request duration by method, route template and status (seconds)',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    const figures = () => this.hazardFigures();
    new Gauge({
      name: METRIC.hazardsOpen,
      help: 'Open hazards (not closed or withdrawn) by status and listing level',
      labelNames: ['status', 'listing_level'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await figures()).open) this.set({ status: r.status, listing_level: r.listingLevel }, r.count);
      },
    });
    new Gauge({
      name: METRIC.hazardsOverdue,
      help: 'Overdue hazards (past the rectification deadline, open) by escalation stage',
      labelNames: ['escalation_stage'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await figures()).overdue) this.set({ escalation_stage: String(r.stage) }, r.count);
      },
    });
  }

  hazardFigures(): Promise<HazardFigures> {
    if (!this.figures || Date.now() - this.figures.at > FIGURES_TTL_MS) {
      const value = this.hazards.figures();
      this.figures = { at: Date.now(), value };
      value.catch(() => (this.figures = undefined));
    }
    return this.figures.value;
  }
}
