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

/** Processor seconds each process had used at one instant, with the part of the stack it is. */
export type CpuReading = Map<number | 'bench', { part: string; seconds: number }>;

/**
 * Processor seconds used so far by every process this one started (every live descendant, each
 * with its `stackPart`), and by this process itself ('bench'). Take two readings and give them to
 * `cpuPerUnit` to charge a phase of a benchmark to the parts that did the work.
 */
export function stackCpu(): CpuReading {
  const own = process.cpuUsage();
  const reading: CpuReading = new Map([['bench', { part: 'bench', seconds: (own.user + own.system) / 1e6 }]]);
  for (const pid of descendants()) {
    const cmdline = commandLine(pid);
    const seconds = cmdline === null ? null : cpuSeconds(pid);
    if (cmdline === null || seconds === null) continue; // ended meanwhile
    reading.set(pid, { part: stackPart(cmdline) ?? 'other', seconds });
  }
  return reading;
}

/**
 * Processor milliseconds per unit of work between two readings, by part and in total, counted
 * process by process: one started between them counts from zero. One that ended between them (a
 * PostgreSQL backend whose pooled connection was closed for being idle) is left out, and only its
 * use within the phase is lost; summed by part first, its whole life would have been taken off.
 */
export function cpuPerUnit(before: CpuReading, after: CpuReading, units: number): Record<string, number> {
  const used: Record<string, number> = {};
  let total = 0;
  for (const [pid, { part, seconds }] of after) {
    const s = Math.max(0, seconds - (before.get(pid)?.seconds ?? 0));
    used[part] = (used[part] ?? 0) + s;
    total += s;
  }
  const perUnit = (s: number) => Math.round(((s * 1000) / units) * 10) / 10;
  return { ...Object.fromEntries(Object.entries(used).map(([part, s]) => [part, perUnit(s)])), total: perUnit(total) };
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}
