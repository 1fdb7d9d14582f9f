import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAppProcess } from '@hazards/testing/stack/app-process';
import { loginDemoUser, runMain, seedDemo, startBenchStack } from '@hazards/testing/stack/bench-stack';
import { freePort } from '../infra/local-stack/net';

/**
 * `npm run fuzz`: the API as it runs (worker, importer and API as processes on a stack of their
 * own with the Nantong demo), fuzzed by schemathesis from its OpenAPI document, once with a city
 * supervisor's token and once with an enterprise user's. Every generated case is checked for a
 * server error, a status code the document does not declare, and an answer that breaks its schema.
 * Prints the seed (FUZZ_SEED replays a run) and exits non-zero on any failure.
 *
 * FUZZ_CASES: cases per operation and caller in the fuzzing phase (default 160; with the examples and
 * coverage phases, over 20,000 cases for both callers); FUZZ_PHASES (default examples,coverage,fuzzing);
 * FUZZ_WORKERS: schemathesis workers (default 2).
 */
const ROOT = resolve(__dirname, '..', '..');
const ST = process.env.SCHEMATHESIS_BIN ?? join(ROOT, '.tools', 'schemathesis', 'bin', 'st');
const CHECKS = 'not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance';

export interface FuzzFigures {
  seed: number;
  cases: number;
  operations: number;
  failures: number;
  serverErrors: number;
  undocumentedStatus: number;
  schemaViolations: number;
  other: number;
}

/** One schemathesis run with one caller's token; its output (echoed) and an NDJSON report of every case. */
async function schemathesis(o: {
  docUrl: string;
  token: string;
  seed: number;
  cases: number;
  workers: number;
  phases: string;
  reportDir: string;
  label: string;
}) {
  mkdirSync(o.reportDir, { recursive: true });
  const ndjson = join(o.reportDir, `${o.label}.ndjson`);
  const args = [
    'run',
    o.docUrl,
    '--checks',
    CHECKS,
    '--max-examples',
    String(o.cases),
    '--seed',
    String(o.seed),
    '--workers',
    String(o.workers),
    '-H',
    `Authorization: Bearer ${o.token}`,
    '--phases',
    o.phases,
    '--no-shrink',
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    ndjson,
    '--no-color',
    '--suppress-health-check',
    'all',
    '--warnings',
    'off',
  ];
  const output = await new Promise<string>((done, fail) => {
    // Its working folder is the report folder: schemathesis keeps a cache (.schemathesis/) where it runs.
    const child = spawn(ST, args, { cwd: o.reportDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      process.stdout.write(c);
    });
    child.stderr.on('data', (c) => {
      out += c;
      process.stderr.write(c);
    });
    child.on('error', fail);
    child.on('close', () => done(out));
  });
  return { output, ndjson };
}

export async function runFuzz(o: { cases: number; seed: number; workers: number; phases: string }): Promise<FuzzFigures> {
  const stack = await startBenchStack();
  const procs: { stop: () => Promise<void> }[] = [];
  try {
    await seedDemo(stack.env.DATABASE_URL);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The fuzzer is one client sending thousands of requests a minute: the per-address limits would answer 429 to most of them.
    const env = {
      ...stack.env,
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '10000000',
      LOGIN_FAILURES_PER_MINUTE_PER_ADDRESS: '1000000',
      LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME: '1000000',
      LOG_LEVEL: 'warn',
    };
    const logs = join(stack.infra.o.dataDir, 'logs');
    for (const name of ['worker', 'importer', 'api'] as const) procs.push(await startAppProcess(name, { ...env, LOG_LEVEL: 'info' }, logs));
    const callers = [
      ['supervisor', 'city'],
      ['enterprise', 'ent-jinsha-chem'],
    ] as const;
    const totals: FuzzFigures = {
      seed: o.seed,
      cases: 0,
      operations: 0,
      failures: 0,
      serverErrors: 0,
      undocumentedStatus: 0,
      schemaViolations: 0,
      other: 0,
    };
    for (const [label, user] of callers) {
      const token = await loginDemoUser(base, user);
      const { output } = await schemathesis({
        docUrl: `${base}/docs/json`,
        token,
        seed: o.seed,
        cases: o.cases,
        workers: o.workers,
        phases: o.phases,
        reportDir: join(ROOT, 'bench-results', 'fuzz'),
        label,
      });
      tally(output, totals);
    }
    return totals;
  } finally {
    for (const p of procs.reverse()) await p.stop().catch(() => undefined);
    await stack.stop();
  }
}

/**
 * Adds one run's figures, from schemathesis's own summary: "N generated", one line per failed
 * check ("❌ ST101 Server error: 1") and the errors ("🚫 Schema Error: 2", counted as failures).
 */
function tally(output: string, t: FuzzFigures): void {
  const num = (re: RegExp) => [...output.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  t.cases += num(/(\d+) generated/g);
  t.operations = Math.max(t.operations, num(/Tested: (\d+)/g));
  const server = num(/ST101 [^:\n]*: (\d+)/g);
  const status = num(/ST103 [^:\n]*: (\d+)/g);
  const schema = num(/ST108 [^:\n]*: (\d+)/g);
  const allChecks = num(/❌ ST\d+ [^:\n]*: (\d+)/g);
  const errors = num(/🚫 [^:\n]*: (\d+)/g);
  t.serverErrors += server;
  t.undocumentedStatus += status;
  t.schemaViolations += schema;
  t.other += allChecks - server - status - schema + errors;
  t.failures += allChecks + errors;
}

async function main(): Promise<void> {
  const seed = Number(process.env.FUZZ_SEED ?? randomInt(1, 2 ** 31));
  const cases = Number(process.env.FUZZ_CASES ?? 160);
  console.log(`[fuzz] seed ${seed} (FUZZ_SEED=${seed} replays this run), ${cases} cases per operation and caller`);
  const f = await runFuzz({
    cases,
    seed,
    workers: Number(process.env.FUZZ_WORKERS ?? 2),
    phases: process.env.FUZZ_PHASES ?? 'examples,coverage,fuzzing',
  });
  console.log(
    `\n[fuzz] seed ${f.seed}: ${f.cases} cases over ${f.operations} operations; server errors ${f.serverErrors}, undocumented status codes ${f.undocumentedStatus}, schema violations ${f.schemaViolations}, other ${f.other}`,
  );
  console.log(`FUZZ_RESULT ${JSON.stringify(f)}`);
  if (f.failures > 0) process.exitCode = 1;
}

if (require.main === module) runMain(main);
