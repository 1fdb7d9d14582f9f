import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetricsService } from './api-metrics.service';

/**
 * Times every request, labelled by the route template Express matched (`/hazards/:id`), so the
 * series never carry an id; anything no route matched (console files, 404s) is one label.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.http.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ method: req.method, route: route ? `${req.baseUrl}${route}` : '(unmatched)', status_code: String(res.statusCode) });
    });
    next();
  }
}
