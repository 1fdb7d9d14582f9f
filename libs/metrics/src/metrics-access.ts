import { timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics. The series hold no personal data (routes as templates, counts by status,
 * level, stage, channel and queue), but they do show a province's workload, so: with
 * METRICS_TOKEN set, only a scraper sending `Authorization: Bearer <token>`; without it, anyone
 * where NODE_ENV is development or test (the local stack), nobody elsewhere.
 */
export function metricsAccess(
  authorization: string | undefined,
  token: string | undefined,
  nodeEnv: string | undefined,
): 'ok' | 'unauthorized' | 'not_configured' {
  if (!token) return nodeEnv === 'development' || nodeEnv === 'test' ? 'ok' : 'not_configured';
  const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want) ? 'ok' : 'unauthorized';
}
