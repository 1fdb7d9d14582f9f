import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether this data folder's living demo is still to be made (DATA_DIR/demo-hazards.json).
 * `pending` is written on the first start, together with the demo's reference data; `done` once
 * every demo hazard is made; `skipped` when the first start had SEED_DEMO_HAZARDS=0. Only a
 * pending demo is made, so a later start never seeds again, and a start after an interrupted
 * run finishes it (the seeder repeats nothing it did).
 */
export type DemoHazardsState = 'pending' | 'done' | 'skipped';

const file = (dataDir: string) => join(dataDir, 'demo-hazards.json');

export function readDemoHazardsState(dataDir: string): DemoHazardsState | null {
  if (!existsSync(file(dataDir))) return null;
  return (JSON.parse(readFileSync(file(dataDir), 'utf8')) as { state: DemoHazardsState }).state;
}

export function writeDemoHazardsState(dataDir: string, state: DemoHazardsState, detail: Record<string, unknown> = {}): void {
  writeFileSync(file(dataDir), `${JSON.stringify({ state, at: new Date().toISOString(), ...detail }, null, 2)}\n`);
}
