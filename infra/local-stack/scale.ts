/** How many of each app the local stack runs: `SCALE=api:2,worker:2,notifier:2` or `npm start -- --api 2 --worker 2`. */
export interface Scale {
  api: number;
  worker: number;
  notifier: number;
}

const APP_NAMES = ['api', 'worker', 'notifier'] as const;
const MAX_INSTANCES = 16;

function count(app: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_INSTANCES)
    throw new Error(`SCALE: ${app} must be a whole number from 1 to ${MAX_INSTANCES} (got "${raw}")`);
  return n;
}

/** SCALE from the environment, then --scale / --api / --worker / --notifier flags (flags win). One of each by default. */
export function parseScale(env: string | undefined, argv: string[] = []): Scale {
  const scale: Scale = { api: 1, worker: 1, notifier: 1 };
  const apply = (spec: string) => {
    for (const part of spec
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [app, n] = part.split(':');
      if (!APP_NAMES.includes(app as (typeof APP_NAMES)[number]) || n === undefined) {
        throw new Error(`SCALE: "${part}" is not app:count with app one of ${APP_NAMES.join(', ')} (e.g. SCALE=api:2,worker:2,notifier:2)`);
      }
      scale[app as keyof Scale] = count(app, n);
    }
  };
  if (env) apply(env);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].replace(/^--/, '');
    const [name, inline] = flag.split('=');
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${argv[i - 1] ?? argv[i]}: a value is missing`);
    if (name === 'scale') apply(value);
    else if (APP_NAMES.includes(name as (typeof APP_NAMES)[number])) scale[name as keyof Scale] = count(name, value);
    else throw new Error(`unknown option --${name} (npm start -- --scale api:2,worker:2,notifier:2, or --api N --worker N --notifier N)`);
  }
  return scale;
}
