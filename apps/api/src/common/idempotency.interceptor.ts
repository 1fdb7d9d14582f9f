import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, finalize, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { ApiException } from '@hazards/api-contract/api-error';
import { AppConfig } from '@hazards/config';
import { IdempotencyRepository } from '@hazards/persistence/idempotency/idempotency.repository';
import { asIdempotentRequest } from './idempotent-request';

/**
 * `Idempotency-Key`: the first request with a key runs and its answer is stored; a retry with
 * the same key (same user, same request) gets that answer again and runs nothing. A failed
 * first attempt releases the key; the retry runs again under the same derived ids
 * (`asIdempotentRequest`), so an update Temporal already took answers with its first outcome
 * and the workflow's validator refuses anything else that would happen twice. A running request
 * renews its claim; a claim whose instance died is taken over `IDEMPOTENCY_LEASE_MS` after its
 * last renewal.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyRepository;

  // Built here rather than injected: the interceptor serves controllers of several modules.
  constructor(
    ds: DataSource,
    private readonly config: AppConfig,
  ) {
    this.keys = new IdempotencyRepository(ds);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: { id: string } }>();
    const res = http.getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined || !req.user) return next.handle();
    if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
      return throwError(
        () =>
          new ApiException(
            400,
            'bad_idempotency_key',
            'Idempotency-Key 须为1–128个可见ASCII字符。',
            'Idempotency-Key must be 1–128 visible ASCII characters.',
            'Idempotency-Key',
          ),
      );
    }
    const userId = req.user.id;
    const route = `${req.method} ${req.originalUrl.split('?')[0]}`;
    const hash = createHash('sha256')
      .update(route)
      .update('\n')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    return from(this.claim(userId, key, route, hash, res)).pipe(
      mergeMap((prior) => {
        if (prior) {
          res.status(prior.status);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(prior.response);
        }
        const stopRenewing = this.keepClaim(userId, key);
        return asIdempotentRequest(userId, key, hash, () => next.handle()).pipe(
          mergeMap((response) => from(this.keys.answer(userId, key, res.statusCode, response)).pipe(mergeMap(() => of(response)))),
          catchError((err) => from(this.keys.release(userId, key)).pipe(mergeMap(() => throwError(() => err)))),
          finalize(stopRenewing),
        );
      }),
    );
  }

  /**
   * Renews the claim three times a lease while the request runs, so that only a claim whose
   * instance died runs out: a slow request (an update waiting on a busy worker) is never taken
   * over by its own retry while it still runs. Returns the function that stops the renewal.
   */
  private keepClaim(userId: string, key: string): () => void {
    const every = Math.max(250, Math.floor(this.config.get('IDEMPOTENCY_LEASE_MS') / 3));
    const timer = setInterval(() => {
      // A renewal that fails (the database away for a moment) is retried at the next tick.
      this.keys.renew(userId, key).catch(() => undefined);
    }, every);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Null when this request owns the key now; the stored answer when it was answered before. */
  private async claim(
    userId: string,
    key: string,
    route: string,
    hash: string,
    res: Response,
  ): Promise<{ status: number; response: unknown } | null> {
    if (await this.keys.claim(userId, key, route, hash)) return null;
    const row = await this.keys.find(userId, key);
    if (!row) return this.claim(userId, key, route, hash, res); // released in between: try again
    if (row.request_hash !== hash) {
      throw new ApiException(
        422,
        'idempotency_key_reused',
        '该 Idempotency-Key 已用于另一个请求。',
        'This Idempotency-Key was used for a different request.',
        'Idempotency-Key',
      );
    }
    if (row.status === null) {
      const lease = await this.keys.takeOverExpired(userId, key, hash, this.config.get('IDEMPOTENCY_LEASE_MS'));
      if (lease.takenOver) return null;
      res.setHeader('Retry-After', String(lease.retryAfterSeconds));
      throw new ApiException(
        409,
        'request_in_progress',
        '相同请求正在处理中，请稍后重试。',
        'The same request is still being processed; retry shortly.',
      );
    }
    return { status: row.status, response: row.response };
  }
}
