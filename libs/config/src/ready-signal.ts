/**
 * Tells whoever started this process (the local stack, tests, drills) that the app is ready, as
 * one JSON log line on stdout. It is written directly, not through the logger, because it is a
 * signal between processes: with LOG_LEVEL=warn the logger drops info lines, and the stack would
 * wait for a readiness it never sees.
 */
export function announceReady(app: string, detail?: string): void {
  const msg = detail ? `${app} ready: ${detail}` : `${app} ready`;
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), app, msg })}\n`);
}
