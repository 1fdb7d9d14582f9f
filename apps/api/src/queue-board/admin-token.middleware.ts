import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { ReferenceRepository } from '@hazards/persistence/reference/reference.repository';
import type { AuditService } from '../audit/audit.service';
import { verifiedSubject } from '../auth/jwt-secret';

export const ADMIN_COOKIE = 'hz_admin_token';

/** The bearer token from the Authorization header or, for the browser UI, from the admin cookie. */
export function tokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === ADMIN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function refuse(res: ServerResponse, status: 401 | 403): void {
  const body =
    status === 401
      ? {
          statusCode: 401,
          code: 'unauthenticated',
          message: '请先以管理员身份登录。',
          messageEn: 'Log in as an admin first (bearer token or the admin session cookie).',
        }
      : { statusCode: 403, code: 'role_not_allowed', message: '只有管理员可查看队列。', messageEn: 'Only admins may see the queues.' };
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * Guards bull-board, which is plain Express middleware outside Nest's guards: the same token the
 * API issues at /auth/login, verified the same way, and the user must be an active admin.
 */
export function adminOnly(jwt: JwtService, reference: ReferenceRepository, audit: AuditService) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const token = tokenOf(req);
    if (!token) return refuse(res, 401);
    verifiedSubject(jwt, token)
      .then(async (sub) => {
        if (!sub) return refuse(res, 401);
        const [u] = await reference.user(sub);
        if (!u?.active) return refuse(res, 401);
        if (u.role !== 'admin') return refuse(res, 403);
        res.setHeader('Cache-Control', 'no-store');
        // bull-board's writes (retry, promote, clean, remove, pause …) are audited like the API's own, with their outcome.
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.on('finish', () => {
            const r = req as unknown as Request;
            void audit
              .record(r, {
                eventType: `queue-board ${req.method} ${r.originalUrl?.split('?')[0] ?? req.url}`,
                result: res.statusCode < 400 ? 'success' : 'failure',
                userId: u.id,
                username: u.username,
                objectType: 'queue',
                objectId: r.originalUrl?.split('?')[0] ?? req.url ?? '',
                httpStatus: res.statusCode,
              })
              .catch(() => undefined);
          });
        }
        next();
      })
      .catch(() => refuse(res, 401));
  };
}
