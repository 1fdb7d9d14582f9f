import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { AuditService, routeOf } from './audit.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Records each successful mutating request once; refusals are recorded by the exception filter. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { params: Record<string, string> }>();
    if (!MUTATING.has(req.method)) return next.handle();
    return next.handle().pipe(
      switchMap((result) => {
        const res = context.switchToHttp().getResponse<Response>();
        const objectId =
          req.params?.id ?? (result as { id?: string; hazardId?: string } | undefined)?.hazardId ?? (result as { id?: string })?.id;
        return from(
          this.audit
            .record(req, {
              eventType: `${req.method} ${routeOf(req)}`,
              result: 'success',
              httpStatus: res.statusCode,
              objectType: req.params?.id ? 'hazard' : 'route',
              objectId,
            })
            .then(() => result),
        );
      }),
    );
  }
}
