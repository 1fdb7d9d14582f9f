import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetricsService } from './api-metrics.service';

/**
 * Times every request, labelled by the route template Express matched (`/hazards/:id`), so the
 * series never carry an id; the console's files and anything no route matched (404s) are one label each.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.http.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      // The console's catch-all (`/{*splat}`) serves its files: one label, like unmatched paths.
      const label = !route ? '(unmatched)' : route.includes('*') ? '(static)' : `${req.baseUrl}${route}`;
      end({ method: req.method, route: label, status_code: String(res.statusCode) });
    });
    next();
  }
}
