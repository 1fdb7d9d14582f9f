import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';

export interface AuditEntry {
  eventType: string;
  result: 'success' | 'failure' | 'refused';
  objectType?: string;
  objectId?: string;
  httpStatus?: number;
  detail?: Record<string, unknown>;
  userId?: string | null;
  username?: string | null;
}

type AuditedRequest = Request & { id?: unknown; user?: { id: string; username: string }; auditRecorded?: boolean };

/**
 * The audit log: every login, failed login, refusal and mutating request leaves exactly one row
 * with time (UTC), user, event type, object, result and source address.
 */
@Injectable()
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  async record(req: AuditedRequest, e: AuditEntry): Promise<void> {
    if (req.auditRecorded) return; // one row per request
    req.auditRecorded = true;
    await this.ds.query(
      `insert into audit_log (user_id, username, event_type, object_type, object_id, result, http_status, source_ip, request_id, detail)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        e.userId !== undefined ? e.userId : req.user?.id ?? null,
        e.username !== undefined ? e.username : req.user?.username ?? null,
        e.eventType, e.objectType ?? null, e.objectId ?? null, e.result, e.httpStatus ?? null,
        req.ip ?? req.socket?.remoteAddress ?? null, typeof req.id === 'string' ? req.id : null, e.detail ?? {},
      ],
    );
  }

  recordRefusal(req: AuditedRequest, body: { statusCode: number; code: string }): Promise<void> {
    return this.record(req, {
      eventType: `${req.method} ${routeOf(req)}`,
      result: 'refused',
      httpStatus: body.statusCode,
      objectType: 'route',
      objectId: req.originalUrl?.split('?')[0],
      detail: { code: body.code },
    });
  }
}

/** The route pattern (e.g. /hazards/:id/plan), not the concrete URL, so rows group by action. */
export function routeOf(req: Request): string {
  const r = (req as Request & { route?: { path?: string } }).route;
  return r?.path ?? req.originalUrl?.split('?')[0] ?? req.url;
}
