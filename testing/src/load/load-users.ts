import { randomUUID } from 'node:crypto';
import { percentile, round } from '../report/bench-report';

/** Bearer tokens of the demo users the virtual users act as. */
export interface LoadTokens {
  ent: string;
  town: string;
  county: string;
}

/** What one step of load saw: every latency, per route, the errors by kind, and the actions' outcomes. */
export interface LoadStepResult {
  users: number;
  seconds: number;
  requests: number;
  latencies: number[];
  byRoute: Map<string, number[]>;
  errors: Record<string, number>;
  /** Reports the API acknowledged (hazard id → description) and grades it acknowledged. */
  reported: Map<string, string>;
  graded: Set<string>;
  /** How long each acknowledged grade took, as its user waited (hazard id → ms). */
  gradeMs: Map<string, number>;
  /** Reports sent whose answer never came (the instance died): their descriptions, to look up afterwards. */
  unacknowledgedReports: string[];
  /** Actions retried with the same Idempotency-Key after a connection error or a 5xx. */
  retries: number;
}

export interface LoadStepOptions {
  baseUrl: string;
  tokens: LoadTokens;
  users: number;
  seconds: number;
  /** Mean pause between a user's requests (k6's sleep(1)). */
  thinkMs: number;
  /** Tag in the reports' descriptions, so a drill finds its own hazards. */
  tag?: string;
  /** Retry actions with the same Idempotency-Key on connection errors and 502/503 (a client of a scaled deployment). */
  retryActions?: boolean;
}

const routeOf = (method: string, path: string) =>
  `${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/, ':id')}${path.includes('overdue=true') ? ' (overdue)' : ''}`;

/**
 * `users` virtual users for `seconds`, mixing reads (lists, a hazard, the work queue) and actions
 * (report, grade) as supervisors and enterprises do, each pausing between requests. Errors are
 * 5xx, 429 and failed connections.
 */
export async function runLoadStep(o: LoadStepOptions): Promise<LoadStepResult> {
  const r: LoadStepResult = {
    users: o.users,
    seconds: o.seconds,
    requests: 0,
    latencies: [],
    byRoute: new Map(),
    errors: {},
    reported: new Map(),
    graded: new Set(),
    gradeMs: new Map(),
    unacknowledgedReports: [],
    retries: 0,
  };
  const think = () => new Promise((res) => setTimeout(res, o.thinkMs * (0.5 + Math.random())));
  const countError = (route: string, what: string) => {
    r.errors[`${route} ${what}`] = (r.errors[`${route} ${what}`] ?? 0) + 1;
  };
  const once = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; json: any } | null> => {
    const route = routeOf(method, path);
    const t0 = performance.now();
    r.requests++;
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body) headers['content-type'] = 'application/json';
      if (key) headers['idempotency-key'] = key;
      const res = await fetch(o.baseUrl + path, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30000),
      });
      const json = await res.json().catch(() => null);
      const ms = performance.now() - t0;
      r.latencies.push(ms);
      const times = r.byRoute.get(route);
      if (times) times.push(ms);
      else r.byRoute.set(route, [ms]);
      // The code tells an action past its update deadline (503 action_pending) from the database or Temporal away.
      if (res.status >= 500 || res.status === 429) countError(route, json?.code ? `${res.status} ${json.code}` : String(res.status));
      return { status: res.status, json };
    } catch (err) {
      r.latencies.push(performance.now() - t0);
      countError(route, (err as Error).name);
      return null;
    }
  };
  /** An action: with retryActions, resent under the same key until it gets an answer that is not a crash's. */
  const act = async (method: string, path: string, token: string, body: unknown) => {
    const key = randomUUID();
    for (let attempt = 0; ; attempt++) {
      const res = await once(method, path, token, body, key);
      const crashed = !res || res.status === 502 || res.status === 503 || (res.status === 409 && res.json?.code === 'request_in_progress');
      if (!crashed || !o.retryActions || attempt >= 5) return res;
      r.retries++;
      await new Promise((res2) => setTimeout(res2, 1000 * (attempt + 1)));
    }
  };
  const until = Date.now() + o.seconds * 1000;
  const user = async (n: number) => {
    const mine: string[] = [];
    let made = 0;
    while (Date.now() < until) {
      await think();
      const x = Math.random();
      if (x < 0.15) {
        const description = `压测隐患 ${o.tag ?? 'load'}-${n}-${made++}`;
        const res = await act('POST', '/hazards', o.tokens.ent, { enterpriseId: 'ent-jinsha-chem', source: '企业自查', description });
        if (res?.json?.hazardId && res.status < 300) {
          mine.push(res.json.hazardId);
          r.reported.set(res.json.hazardId, description);
        } else if (!res || res.status >= 500 || res.status === 409) r.unacknowledgedReports.push(description);
      } else if (x < 0.25 && mine.length) {
        const id = mine.shift()!;
        const t0 = performance.now();
        const res = await act('POST', `/hazards/${id}/grade`, o.tokens.town, {
          grade: 'general',
          accidentType: '触电',
          industry: '危险化学品',
        });
        if (res && res.status < 300) {
          r.graded.add(id);
          r.gradeMs.set(id, performance.now() - t0);
        }
      } else if (x < 0.55) {
        await once('GET', '/hazards?jurisdictionId=tongzhou&limit=20', o.tokens.county);
      } else if (x < 0.75) {
        await once('GET', '/hazards?overdue=true&sort=overdue&limit=20', o.tokens.town);
      } else if (x < 0.9 && mine.length) {
        await once('GET', `/hazards/${mine[mine.length - 1]}`, o.tokens.ent);
      } else {
        await once('GET', '/me/work-queue', o.tokens.county);
      }
    }
  };
  await Promise.all(Array.from({ length: o.users }, (_, i) => user(i)));
  return r;
}

/** The step's headline figures. Targets: p95 ≤ 300 ms, errors < 0.1%. */
export function stepFigures(r: LoadStepResult) {
  const errors = Object.values(r.errors).reduce((a, b) => a + b, 0);
  const rate = errors / Math.max(1, r.requests);
  const p95 = percentile(r.latencies, 95);
  return {
    users: r.users,
    seconds: r.seconds,
    requests: r.requests,
    rps: round(r.requests / r.seconds, 1),
    errors,
    error_rate_pct: round(rate * 100, 3),
    p50_ms: round(percentile(r.latencies, 50)),
    p95_ms: round(p95),
    p99_ms: round(percentile(r.latencies, 99)),
    met: p95 <= 300 && rate < 0.001 ? 'yes' : 'no',
  };
}

/** Each route's p95 (ms) in this step. */
export function routeP95s(r: LoadStepResult): Record<string, number> {
  return routePercentiles(r, 95);
}

/** Each route's latency percentile `q` (ms) in this step. */
export function routePercentiles(r: LoadStepResult, q: number): Record<string, number> {
  return Object.fromEntries([...r.byRoute].sort(([a], [b]) => a.localeCompare(b)).map(([route, t]) => [route, round(percentile(t, q))]));
}
