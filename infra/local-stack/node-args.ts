/**
 * Node's flags for an app process. Every app maps its stack traces back to the TypeScript
 * (`--enable-source-maps`) except the Temporal worker: the SDK formats a stack for every promise
 * its workflows create (for the stack-trace query), and with Node's source maps on each of those
 * is translated too. Without them an escalation costs the worker about 9% less processor time
 * and 10 due escalations a second were absorbed with p99 1.2–1.8 s instead of 2.7–5.6 s
 * (`npm run bench escalation-capacity`, README, Performance). The worker's own stacks then name
 * `dist/` files, which swc keeps readable line for line.
 */
export function nodeArgs(app: string, script: string): string[] {
  // APP_NODE_FLAGS: flags for every app process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (Node refuses those in NODE_OPTIONS).
  const extra = (process.env.APP_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return [...extra, ...(app === 'worker' ? [] : ['--enable-source-maps']), script];
}
