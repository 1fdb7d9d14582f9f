import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppProcess } from '@hazards/testing/stack/app-process';
import { percentile, report, round } from '@hazards/testing/report/bench-report';
import { loginDemoUser, runMain, seedDemo, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { freePort } from '../infra/local-stack/net';
import { blankBomb, hugeSharedString, wideColumnBomb } from '@hazards/testing/files/hostile-workbooks';

/**
 * `npm run drill abuse`: against one stack (worker, importer, notifier and API as processes, the
 * demo seed), 20 normal users work (lists, a hazard, the work queue, reporting) while, at the same
 * time: bomb workbooks are imported (a wide column, a zip bomb, and one that exhausts the import's
 * heap), oversized and concurrent evidence uploads arrive (to a hazard the sender may not see, too
 * large, and many at once), and a login flood (10 senders) and an anonymous flood (10 senders, back to back) come from other addresses
 * (through X-Forwarded-For, as behind the proxy that fronts the API).
 *
 * Reports the API's peak memory (VmHWM), whether every normal request was answered, and the normal
 * users' p95; exits non-zero if the API process died or a normal request failed.
 * DRILL_ABUSE_SECONDS (default 60), DRILL_ABUSE_USERS (default 20).
 */
const SECONDS = Number(process.env.DRILL_ABUSE_SECONDS ?? 60);
const USERS = Number(process.env.DRILL_ABUSE_USERS ?? 20);
const PNG_HEAD = Buffer.from('89504e470d0a1a0a', 'hex');

const vm = (pid: number, key: 'VmHWM' | 'VmRSS') => {
  const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** What the attacker process needs: where, as whom, until when. */
interface AttackPlan {
  base: string;
  until: number;
  target: string;
  tokens: { ent: string; otherEnt: string };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--attacks') return attacks(JSON.parse(process.env.DRILL_ATTACK_PLAN!) as AttackPlan);
  const stack = await startBenchStack();
  await seedDemo(stack.env.DATABASE_URL);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...stack.env, PORT: String(port), LOG_LEVEL: 'warn' };
  const logs = join(stack.infra.o.dataDir, 'logs');
  const apps = [];
  for (const name of ['worker', 'notifier', 'importer', 'api'] as const)
    apps.push(await startAppProcess(name, { ...env, LOG_LEVEL: 'info' }, logs));
  const api = apps[apps.length - 1];
  const apiPid = api.pid!;
  const baselineMb = vm(apiPid, 'VmRSS');
  const tokens = {
    ent: await loginDemoUser(base, 'ent-jinsha-chem'),
    otherEnt: await loginDemoUser(base, 'ent-juegang-food'),
    county: await loginDemoUser(base, 'tongzhou'),
    town: await loginDemoUser(base, 'jinsha'),
  };
  const until = Date.now() + SECONDS * 1000;
  // A hazard of 金沙化工 for the uploads (visible to it, not to 掘港食品).
  const reported = (await (
    await fetch(`${base}/hazards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.ent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enterpriseId: 'ent-jinsha-chem', source: '企业自查', description: '演练：证据上传目标隐患' }),
    })
  ).json()) as { hazardId: string };
  const target = reported.hazardId;

  // ---- the normal users --------------------------------------------------------------------------
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let normal = 0;
  const fail = (what: string) => (failures[what] = (failures[what] ?? 0) + 1);
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const t0 = performance.now();
    normal++;
    try {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30000),
      });
      const json = await res.json().catch(() => null);
      latencies.push(performance.now() - t0);
      if (res.status >= 400) fail(`${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/, ':id')} ${res.status}`);
      return json;
    } catch (err) {
      latencies.push(performance.now() - t0);
      fail(`${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/, ':id')} ${(err as Error).name}`);
      return null;
    }
  };
  const user = async (n: number) => {
    const mine: string[] = [];
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
      const r = Math.random();
      if (r < 0.1) {
        const created = await call('POST', '/hazards', tokens.ent, {
          enterpriseId: 'ent-jinsha-chem',
          source: '企业自查',
          description: `演练隐患 ${n}-${mine.length}`,
        });
        if (created?.hazardId) mine.push(created.hazardId);
      } else if (r < 0.45) await call('GET', '/hazards?jurisdictionId=tongzhou&limit=20', tokens.county);
      else if (r < 0.65) await call('GET', '/hazards?overdue=true&sort=overdue&limit=20', tokens.town);
      else if (r < 0.8 && mine.length) await call('GET', `/hazards/${mine[mine.length - 1]}`, tokens.ent);
      else await call('GET', '/me/work-queue', tokens.county);
    }
  };

  let peakMb = baselineMb;
  const sampler = setInterval(() => {
    if (!api.exited) peakMb = Math.max(peakMb, vm(apiPid, 'VmRSS'));
  }, 500);
  try {
    // The attacks run in a process of their own: sending gigabytes must not slow the normal users' own client.
    const attacker = spawn(process.execPath, [__filename, '--attacks'], {
      env: {
        ...process.env,
        DRILL_ATTACK_PLAN: JSON.stringify({
          base,
          until,
          target,
          tokens: { ent: tokens.ent, otherEnt: tokens.otherEnt },
        } satisfies AttackPlan),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let attackOut = '';
    attacker.stdout.on('data', (c) => {
      attackOut += c;
    });
    const attackDone = new Promise<void>((done) => attacker.on('close', () => done()));
    await Promise.all([...Array.from({ length: USERS }, (_, i) => user(i)), attackDone]);
    const attack = JSON.parse(/ATTACK_RESULT (.*)/.exec(attackOut)?.[1] ?? '{}') as Record<string, Record<string, number>>;
    clearInterval(sampler);
    const died = api.exited;
    if (!died) peakMb = Math.max(peakMb, vm(apiPid, 'VmHWM'));
    // The bomb imports finish in the importer at their own pace (a niced child process): wait for their outcome.
    let imports: { fileName: string; status: string }[] = [];
    for (let i = 0; i < 120; i++) {
      imports = (await (
        await fetch(`${base}/imports`, { headers: { authorization: `Bearer ${tokens.ent}` } })
      )
        .json()
        .catch(() => [])) as typeof imports;
      if (imports.length >= 3 && imports.every((x) => x.status === 'done' || x.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const importsSettled = imports.length >= 3 && imports.every((x) => x.status === 'failed');
    const failed = Object.values(failures).reduce((a, b) => a + b, 0);
    report(
      'drill-abuse',
      [
        {
          seconds: SECONDS,
          normal_users: USERS,
          normal_requests: normal,
          normal_failed: failed,
          normal_p50_ms: round(percentile(latencies, 50)),
          normal_p95_ms: round(percentile(latencies, 95)),
          api_rss_before_mb: round(baselineMb, 1),
          api_peak_rss_mb: round(peakMb, 1),
          api_restarted: died ? 'yes' : 'no',
        },
      ],
      { failures, attack, imports },
    );
    console.table(Object.entries(attack).map(([what, byStatus]) => ({ attack: what, ...byStatus })));
    console.table(imports.map((i) => ({ file: i.fileName, status: i.status })));
    if (failed) console.log(failures);
    const ok = !died && failed === 0 && importsSettled;
    if (!importsSettled) console.log('✖ the bomb imports did not all end failed with a reason');
    console.log(
      ok
        ? `✔ abuse: the API stayed up (peak ${round(peakMb, 1)} MB) and answered all ${normal} normal requests (p95 ${round(percentile(latencies, 95))} ms)`
        : `✖ abuse: ${died ? 'the API died; ' : ''}${failed} normal request(s) failed`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    for (const a of apps.reverse()) await a.stop().catch(() => undefined);
    await stack.stop();
  }
}

/** The attacker (a child process): bomb workbooks, uploads, a login flood and an anonymous flood until `until`; prints what it got back. */
async function attacks({ base, until, target, tokens }: AttackPlan): Promise<void> {
  const attack: Record<string, Record<string, number>> = {};
  const tallyAttack = (what: string, status: number | string) => {
    attack[what] ??= {};
    attack[what][String(status)] = (attack[what][String(status)] ?? 0) + 1;
  };
  const send = async (what: string, path: string, init: RequestInit & { from?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.from) headers.set('x-forwarded-for', init.from);
    try {
      const res = await fetch(base + path, { ...init, headers, signal: AbortSignal.timeout(60000) });
      await res.arrayBuffer();
      tallyAttack(what, res.status);
      return res.status;
    } catch (err) {
      tallyAttack(what, (err as Error).name);
      return 0;
    }
  };

  // ---- the attacks -------------------------------------------------------------------------------
  const bombs = async () => {
    const files: [string, Buffer][] = [
      ['wide-column', await wideColumnBomb()],
      ['zip-bomb', await blankBomb(256)],
      ['heap-bomb', await hugeSharedString(200 * 1024 * 1024)],
    ];
    for (const [name, bytes] of files) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), `${name}.xlsx`);
      await send(`import ${name}`, '/imports', { method: 'POST', headers: { authorization: `Bearer ${tokens.ent}` }, body: form });
    }
  };
  const uploads = async () => {
    // Each body is built once and sent again and again (the sender's memory is not what is measured).
    const blob = (mib: number) => new Blob([PNG_HEAD, new Uint8Array(mib * 1024 * 1024 - 64)], { type: 'image/png' });
    const [big, twenty, five] = [blob(25), blob(20), blob(5)];
    const form = (b: Blob, n = 1) => {
      const f = new FormData();
      for (let i = 0; i < n; i++) f.append('files', b, `photo-${i}.png`);
      return f;
    };
    // Waves, every 10 seconds: twenty requests of ten 20 MiB files each to a hazard the sender may
    // not see (answered 404 before the body is read), five 25 MiB files (over the limit), and ten
    // uploads of two 5 MiB photos at once.
    while (Date.now() < until - 10_000) {
      const wave = Date.now();
      await Promise.all([
        ...Array.from({ length: 20 }, () =>
          send('upload: hazard not visible (10 × 20 MiB)', `/hazards/${target}/evidence`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens.otherEnt}` },
            body: form(twenty, 10),
          }),
        ),
        ...Array.from({ length: 5 }, () =>
          send('upload: 25 MiB file (over the limit)', `/hazards/${target}/evidence`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens.ent}` },
            body: form(big),
          }),
        ),
        ...Array.from({ length: 10 }, () =>
          send('upload: 2 × 5 MiB photos, ten at once', `/hazards/${target}/evidence`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens.ent}` },
            body: form(five, 2),
          }),
        ),
      ]);
      await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - wave))));
    }
  };
  const loginFlood = async () => {
    let i = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, lane) => {
        while (Date.now() < until) {
          const n = i++;
          await send('login flood', '/auth/login', {
            method: 'POST',
            from: `198.18.${lane}.${n % 250}`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: n % 3 ? `guess-${n % 50}` : 'tongzhou', password: `Wrong${n}` }),
          });
        }
      }),
    );
  };
  const anonymousFlood = async () => {
    await Promise.all(
      Array.from({ length: 10 }, async (_, lane) => {
        let n = 0;
        while (Date.now() < until) {
          n++;
          await send('anonymous flood', n % 2 ? '/hazards' : '/me/work-queue', { from: `198.19.${lane}.${n % 250}` });
        }
      }),
    );
  };

  await Promise.all([bombs(), uploads(), loginFlood(), anonymousFlood()]);
  console.log(`ATTACK_RESULT ${JSON.stringify(attack)}`);
}

runMain(main);
