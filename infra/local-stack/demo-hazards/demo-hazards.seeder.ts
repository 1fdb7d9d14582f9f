import { createHash } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { insertReportedRow, startLifecycle, type NewHazard } from '@hazards/hazards/hazard-registration';
import { toActor, type AuthUser } from '@hazards/access/auth-user';
import { DEMO_POLICY } from '@hazards/domain/policy/demo-policy';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { DEMO_PASSWORD } from '@hazards/persistence/seed/demo-data';
import { DEMO_HAZARDS, type DemoAction, type DemoHazard } from './demo-hazards.scenario';

/** A 1×1 PNG: the evidence photo every demo completion carries. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PHOTO_NAME = '整改后现场照片.png';
/** Every Idempotency-Key and demo-clock hazard id derives from this and the hazard's key: a rerun repeats nothing. */
const SEED_NAME = 'demo-hazards-v1';

export interface DemoHazardsOptions {
  /** The running API, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  /** The hazards to make (default: the whole scenario). */
  hazards?: DemoHazard[];
  /** How long to wait for the demo clock's first escalation and inbox message. */
  settleMs?: number;
  /** Stops the run early (the stack is stopping); a later run finishes it. */
  signal?: AbortSignal;
}

export interface DemoHazardsResult {
  hazards: number;
  actions: number;
  /** Overdue hazards the board shows escalated (stage ≥ 1) when the run ended. */
  escalated: number;
  /** Messages in the demo users' inboxes when the run ended. */
  inboxMessages: number;
  failures: string[];
}

/**
 * Makes the first start's living demo (demo-hazards.scenario.ts) the way users do. A hazard on
 * the real calendar is reported by its reporter with POST /hazards; a hazard on the demo clock
 * (the demo policy DEMO_POLICY, which the API never starts hazards with) is registered by the same
 * code POST /hazards runs (the read-model row and the workflow start), as its reporter. Then the
 * demo users take every action over the API, so each step is a workflow update with its
 * validator, history row, events and notices. Each request carries an Idempotency-Key derived
 * from the hazard's key, and the demo-clock hazards' ids derive from it too: an interrupted run,
 * run again, finishes what is missing and repeats nothing.
 */
export async function seedDemoHazards(o: DemoHazardsOptions): Promise<DemoHazardsResult> {
  const hazards = o.hazards ?? DEMO_HAZARDS;
  const ds = await new DataSource(dataSourceOptions(o.databaseUrl, 2)).initialize();
  const connection = await Connection.connect({ address: o.temporalAddress });
  const client = new Client({ connection });
  const failures: string[] = [];
  let actions = 0;
  try {
    const users = await logins(o.baseUrl, [...new Set(hazards.flatMap((h) => [h.reporter, ...h.actions.map((a) => a.as), 'city']))]);
    const run = async (d: DemoHazard) => {
      if (o.signal?.aborted) return;
      try {
        const reporter = users.get(d.reporter)!;
        const hazardId = d.demoClock
          ? await registerOnDemoClock(ds, client, o.taskQueue, d, reporter.user)
          : await report(o.baseUrl, reporter.token, d);
        for (const [i, a] of d.actions.entries()) {
          await act(o.baseUrl, users.get(a.as)!.token, hazardId, a, `${SEED_NAME}:${d.key}:${i}`);
          actions++;
        }
      } catch (err) {
        failures.push(`${d.key} ${d.description}: ${(err as Error).message}`);
      }
    };
    // The demo clock's hazards first: their escalations take a minute of demo days to come.
    await inParallel([...hazards.filter((d) => d.demoClock), ...hazards.filter((d) => !d.demoClock)], 4, run);
    const settled =
      hazards.some((d) => d.demoClock) && !failures.length
        ? await settle(o.baseUrl, users, o.settleMs ?? 90_000, o.signal)
        : await figures(o.baseUrl, users);
    return { hazards: hazards.length - failures.length, actions, ...settled, failures };
  } finally {
    await connection.close();
    await ds.destroy();
  }
}

type Login = { token: string; user: AuthUser };

async function logins(baseUrl: string, usernames: string[]): Promise<Map<string, Login>> {
  const out = new Map<string, Login>();
  await inParallel(usernames, 2, async (username) => {
    const res = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string; user: AuthUser };
    out.set(username, { token: body.accessToken, user: body.user });
  });
  return out;
}

/** 上报 through the API; a rerun with the same key answers the same hazard id. */
async function report(baseUrl: string, token: string, d: DemoHazard): Promise<string> {
  const body = {
    enterpriseId: d.enterpriseId,
    source: d.source,
    description: d.description,
    ...(d.location ? { location: d.location } : {}),
  };
  const res = await post(baseUrl, '/hazards', token, body, `${SEED_NAME}:${d.key}:report`);
  if (res.status !== 201) throw new Error(`report: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { hazardId: string }).hazardId;
}

/**
 * 上报 on the demo clock: what HazardCommandsService.report does, as the reporter, with the demo
 * policy. The id derives from the hazard's key; a rerun finds the row and the workflow there.
 */
async function registerOnDemoClock(ds: DataSource, client: Client, taskQueue: string, d: DemoHazard, reporter: AuthUser): Promise<string> {
  const hazardId = nameBasedUuid(`${SEED_NAME}:${d.key}`);
  const [ent]: { grid_path: string }[] = await ds.query(
    'select j.path as grid_path from enterprises e join jurisdictions j on j.id = e.grid_id where e.id = $1',
    [d.enterpriseId],
  );
  if (!ent) throw new Error(`unknown enterprise ${d.enterpriseId}`);
  const hazard: NewHazard = {
    hazardId,
    enterpriseId: d.enterpriseId,
    gridPath: ent.grid_path,
    source: d.source,
    description: d.description,
    ...(d.location ? { location: d.location } : {}),
    reportedBy: toActor(reporter),
    reportedAt: new Date().toISOString(),
    policy: DEMO_POLICY,
  };
  await ds.transaction(async (m) => {
    await insertReportedRow(m, hazard, { ifAbsent: true });
    await startLifecycle(client, taskQueue, hazard);
  });
  return hazardId;
}

/** One action through the API; a completion names the evidence photo, uploaded once. */
async function act(baseUrl: string, token: string, hazardId: string, a: DemoAction, key: string): Promise<void> {
  const body = a.route === 'completion' ? { ...a.body, evidenceFileIds: [await evidencePhoto(baseUrl, token, hazardId)] } : a.body;
  const res = await post(baseUrl, `/hazards/${hazardId}/${a.route}`, token, body, key);
  if (res.status !== 200) throw new Error(`${a.route} as ${a.as}: ${res.status} ${await res.text()}`);
}

/** The hazard's evidence photo: the one a previous run uploaded, or a new upload. */
async function evidencePhoto(baseUrl: string, token: string, hazardId: string): Promise<string> {
  const auth = { authorization: `Bearer ${token}` };
  const detail = await fetch(`${baseUrl}/hazards/${hazardId}`, { headers: auth });
  if (detail.status !== 200) throw new Error(`hazard ${hazardId}: ${detail.status} ${await detail.text()}`);
  const earlier = ((await detail.json()) as { evidence: { id: string; fileName: string }[] }).evidence.find(
    (f) => f.fileName === PHOTO_NAME,
  );
  if (earlier) return earlier.id;
  const form = new FormData();
  form.append('files', new Blob([PHOTO], { type: 'image/png' }), PHOTO_NAME);
  const up = await fetch(`${baseUrl}/hazards/${hazardId}/evidence`, { method: 'POST', headers: auth, body: form });
  if (up.status !== 201) throw new Error(`evidence: ${up.status} ${await up.text()}`);
  return ((await up.json()) as { id: string }[])[0].id;
}

function post(baseUrl: string, path: string, token: string, body: unknown, idempotencyKey: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
}

/** What a person sees: escalated hazards on the city's board, messages in the demo users' inboxes. */
async function figures(baseUrl: string, users: Map<string, Login>): Promise<{ escalated: number; inboxMessages: number }> {
  const auth = (u: string) => ({ authorization: `Bearer ${users.get(u)!.token}` });
  const board = (await (await fetch(`${baseUrl}/board`, { headers: auth('city') })).json()) as {
    overdueByStage: { stage: number; count: number }[];
  };
  let inboxMessages = 0;
  for (const u of users.keys())
    inboxMessages += ((await (await fetch(`${baseUrl}/inbox?limit=1`, { headers: auth(u) })).json()) as { total: number }).total;
  return { escalated: board.overdueByStage.filter((s) => s.stage > 0).reduce((n, s) => n + s.count, 0), inboxMessages };
}

/** Waits (at most `ms`) until the demo clock's first escalation is on the board and a notice is in an inbox. */
async function settle(
  baseUrl: string,
  users: Map<string, Login>,
  ms: number,
  signal?: AbortSignal,
): Promise<{ escalated: number; inboxMessages: number }> {
  const until = Date.now() + ms;
  for (;;) {
    const f = await figures(baseUrl, users);
    if ((f.escalated > 0 && f.inboxMessages > 0) || Date.now() > until || signal?.aborted) return f;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** A UUID (version 5, RFC 9562) named by `name`: the same name gives the same id on every run. */
export function nameBasedUuid(name: string): string {
  const b = createHash('sha1').update('hazard-rectification/demo/').update(name).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function inParallel<T>(items: T[], lanes: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
