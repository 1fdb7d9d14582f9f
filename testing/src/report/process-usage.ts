import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports utime and stime in clock ticks of USER_HZ, 100 on every mainstream build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Which part of the stack a process is, from its command line; null for helpers such as runuser. */
export function stackPart(cmdline: string): string | null {
  if (/temporal-server\/server|\/temporal\b.*server start-dev|temporal-test-server/.test(cmdline)) return 'temporal server';
  // A backend's title names its database: Temporal's persistence and the apps' are told apart.
  const backend = /^postgres: \S+ (\S+) (?:[\d.:a-f]+\(\d+\)|\[local\])/.exec(cmdline);
  if (backend) return backend[1].startsWith('temporal') ? 'postgresql: temporal' : 'postgresql: apps';
  if (/^postgres(:|\s)|bin\/postgres/.test(cmdline)) return 'postgresql: background';
  if (cmdline.includes('redis-server')) return 'redis';
  if (/worker\.js|worker\/src\/main\.js/.test(cmdline)) return 'worker';
  if (cmdline.includes('notifier/src/main.js')) return 'notifier';
  if (cmdline.includes('api/src/main.js')) return 'api';
  return null;
}

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // the process ended meanwhile
  }
  for (const task of tasks) {
    try {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
      for (const c of list.split(/\s+/).filter(Boolean)) out.push(Number(c));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** Processor seconds (user + system) a live process has used; null once it has ended. */
export function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Every live process this one started, directly or through its children. */
export function descendants(root: number = process.pid): number[] {
  const found: number[] = [];
  const seen = new Set<number>();
  for (const queue = children(root); queue.length > 0;) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    found.push(pid);
    queue.push(...children(pid));
  }
  return found;
}

/** A process's command line, its arguments joined by spaces; null once it has ended. */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/**
 * Processor seconds used so far by each part of the stack this process started (every live
 * descendant, grouped by `stackPart`), and by this process itself ('bench'). Take two readings
 * and subtract them (`cpuBetween`) to charge a phase of a benchmark to the parts that did the work.
 */
export function stackCpu(): Record<string, number> {
  const own = process.cpuUsage();
  const totals: Record<string, number> = { bench: (own.user + own.system) / 1e6 };
  for (const pid of descendants()) {
    const cmdline = commandLine(pid);
    const s = cmdline === null ? null : cpuSeconds(pid);
    if (cmdline === null || s === null) continue; // ended meanwhile
    const part = stackPart(cmdline) ?? 'other';
    totals[part] = (totals[part] ?? 0) + s;
  }
  return totals;
}

/**
 * Processor milliseconds per unit of work between two readings, by part and in total. A process
 * that ended between them (a PostgreSQL backend whose connection closed) is left out: pooled
 * connections keep the count honest for the phases measured here.
 */
export function cpuPerUnit(before: Record<string, number>, after: Record<string, number>, units: number): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [part, s] of Object.entries(after)) {
    const used = Math.max(0, s - (before[part] ?? 0));
    out[part] = Math.round(((used * 1000) / units) * 10) / 10;
    total += used;
  }
  out.total = Math.round(((total * 1000) / units) * 10) / 10;
  return out;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}
