import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const BOARD = '/admin/queues';

/**
 * helmet's headers on every answer (HSTS, nosniff, frame denial, referrer policy, a same-origin
 * CSP …). bull-board's page inlines its start-up script, so its CSP is left out there; the
 * console's index.html sets its own, stricter CSP (ConsoleModule).
 */
export function securityHeaders() {
  const everywhere = helmet();
  const board = helmet({ contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => (req.path.startsWith(BOARD) ? board : everywhere)(req, res, next);
}
