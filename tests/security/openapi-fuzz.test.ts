import { spawn } from 'node:child_process';
import { join } from 'node:path';

/*
 * A small run of `npm run fuzz` (schemathesis against the OpenAPI document, as a supervisor and as
 * an enterprise user, on a stack of its own with the demo seed): no server error, no status code
 * the document does not declare, no answer that breaks its schema. The full run (over 20,000
 * cases) is `npm run fuzz`; FUZZ_SEED replays a run, and the seed is printed.
 */
it('the API answers generated requests only as its OpenAPI document says', async () => {
  const out = await new Promise<string>((done) => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'fuzz', 'api-fuzz.js')], {
      // A fixed seed keeps CI reproducible; FUZZ_TEST_SEED explores another part of the input space.
      env: {
        ...process.env,
        FUZZ_CASES: process.env.FUZZ_TEST_CASES ?? '4',
        FUZZ_SEED: process.env.FUZZ_TEST_SEED ?? '20261130',
        FUZZ_PHASES: 'examples,fuzzing',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c) => {
      text += c;
    });
    child.stderr.on('data', (c) => {
      text += c;
    });
    child.on('close', () => done(text));
  });
  const line = /FUZZ_RESULT (.*)/.exec(out);
  if (!line) throw new Error(`the fuzz run gave no result:\n${out.slice(-4000)}`);
  const f = JSON.parse(line[1]);
  console.log(`[fuzz in npm test] seed ${f.seed}: ${f.cases} cases over ${f.operations} operations`);
  // On a failure, schemathesis's own FAILURES section says which operation, which check and how to reproduce it.
  const failures = [...out.matchAll(/=+ FAILURES =+\n([\s\S]*?)\n=+ \d+ failures? in/g)].map((m) => m[1].slice(0, 3000));
  expect({
    seed: f.seed,
    serverErrors: f.serverErrors,
    undocumentedStatus: f.undocumentedStatus,
    schemaViolations: f.schemaViolations,
    other: f.other,
    failures,
  }).toEqual({ seed: f.seed, serverErrors: 0, undocumentedStatus: 0, schemaViolations: 0, other: 0, failures: [] });
  expect(f.cases).toBeGreaterThan(200);
}, 600_000);
