import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { AUDIT_CHAIN } from '@hazards/archive/chain-definitions';
import { ArchiveSettings } from '../archive/archive-settings.provider';
import { RefusalCounter } from './refusal-counter';

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
 * The audit log: every login, failed login, refusal of a logged-in caller and mutating request leaves exactly one row
 * with time (UTC), user, event type, object, result and source address. Each row is sealed into
 * the archive's hash chain (建档备案) as it is written.
 */
@Injectable()
export class AuditService {
  private readonly chain: ChainAppender;

  constructor(
    private readonly ds: DataSource,
    archive: ArchiveSettings,
    private readonly refusals: RefusalCounter,
  ) {
    this.chain = new ChainAppender(archive.key);
  }

  async record(req: AuditedRequest, e: AuditEntry): Promise<void> {
    if (req.auditRecorded) return; // one row per request
    req.auditRecorded = true;
    const username = e.username !== undefined ? e.username : (req.user?.username ?? null);
    // 等保 wants an object on every row: a login's object is the account, anything else defaults to the route called.
    const isLogin = e.eventType.startsWith('login');
    const objectType = e.objectType ?? (isLogin ? 'user' : 'route');
    const objectId = e.objectId ?? (isLogin ? username : routeOf(req));
    await this.chain.appendAlone(this.ds, AUDIT_CHAIN, {
      user_id: e.userId !== undefined ? e.userId : (req.user?.id ?? null),
      username,
      event_type: e.eventType,
      object_type: objectType,
      object_id: objectId ?? null,
      result: e.result,
      http_status: e.httpStatus ?? null,
      source_ip: req.ip ?? req.socket?.remoteAddress ?? null,
      request_id: typeof req.id === 'string' ? req.id : null,
      detail: e.detail ?? {},
    });
  }

  /**
   * A refusal of a caller we know (a valid token) is audited, one sealed row; an anonymous one and
   * any 429 are only counted (RefusalCounter), so no one without an account can grow the archive.
   */
  async recordRefusal(req: AuditedRequest, body: { statusCode: number; code: string }): Promise<void> {
    if (!req.user || body.statusCode === 429) {
      this.refusals.count(req, body.statusCode, body.code);
      return;
    }
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
