/**
 * The name a process logs under: APP_NAME when its launcher set one (the tests name each process
 * they start), else the app's own name given at start.
 */
export function nameThisProcess(name: string): void {
  process.env.APP_NAME ??= name;
}

export function processName(): string {
  return process.env.APP_NAME ?? 'hazards';
}
