import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry of one app's series, with Node's process metrics and the label app="<name>". */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}
