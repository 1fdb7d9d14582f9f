/** One sample of Prometheus text: `name{label="v",...} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (enough of it for assertions: no escapes inside label values). */
export function parsePrometheus(text: string): { samples: Sample[]; helps: Set<string> } {
  const samples: Sample[] = [];
  const helps = new Set<string>();
  for (const line of text.split('\n')) {
    const help = /^# HELP (\S+)/.exec(line);
    if (help) helps.add(help[1]);
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { samples, helps };
}

/** The sum of a series' samples whose labels include `labels`. */
export function seriesValue(text: string, name: string, labels: Record<string, string> = {}): number {
  return parsePrometheus(text)
    .samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((a, s) => a + s.value, 0);
}

/** Whether a series is declared (HELP) or has samples under this name or its _bucket/_count/_total forms. */
export function hasSeries(text: string, name: string): boolean {
  const p = parsePrometheus(text);
  return p.helps.has(name) || p.samples.some((s) => s.name === name || s.name.startsWith(`${name}_`));
}

export async function scrape(url: string, token?: string): Promise<string> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.text();
}
