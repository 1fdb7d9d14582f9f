import { readFileSync, statSync } from 'node:fs';
import { jurisdictionPathOf } from '../../../../libs/persistence/src/simulation/simulation-history.repository';
import { SIMULATION_BOUNDS, SimulationInputError, validateSimulationRequest } from '../../../../libs/simulation/src/simulation-bounds';
import { simulatePolicy } from '../../../../libs/simulation/src/policy-simulation';
import { writeReportFiles } from '../../../../libs/simulation/src/report-files';
import type { CliCommand } from '../cli-command';
import { openDatabase, parseArgs, progressBar } from './cli-context';

/**
 * `simulate --policy FILE --jurisdiction ID --from DATE --to DATE [--out NAME] [--resolution MINUTES]`:
 * 政策推演, a thin wrapper over libs/simulation; writes NAME.md (+ NAME-charts/), NAME.docx, NAME.json.
 */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: '政策推演 / replay a period under a proposed policy and compare',
  usage: 'simulate --policy proposed.json --jurisdiction ID --from 2026-01-01 --to 2027-01-01 [--out NAME] [--resolution 60] [--shards 1]',
  async run(args) {
    const { options } = parseArgs(args);
    if (!options.policy || !options.jurisdiction || !options.from || !options.to) {
      console.error(`用法 / usage: ${this.usage}`);
      return 2;
    }
    try {
      if (statSync(options.policy).size > SIMULATION_BOUNDS.maxPolicyBytes) {
        throw new SimulationInputError('policy_too_large', `策略文件超过 ${SIMULATION_BOUNDS.maxPolicyBytes / 1024} KiB。`, `The policy is larger than ${SIMULATION_BOUNDS.maxPolicyBytes / 1024} KiB.`, 'policy');
      }
      const request = validateSimulationRequest({ policy: readFileSync(options.policy, 'utf8'), from: options.from, to: options.to });
      const ds = await openDatabase();
      try {
        const path = await jurisdictionPathOf(ds, options.jurisdiction);
        if (!path) throw new SimulationInputError('unknown_jurisdiction', `辖区 ${options.jurisdiction} 不存在。`, `No jurisdiction ${options.jurisdiction}.`, 'jurisdiction');
        const bar = progressBar('推演 / simulating');
        const report = await simulatePolicy(ds, {
          ...request, jurisdictionId: options.jurisdiction, jurisdictionPath: path,
          ...(options.resolution ? { resolutionMinutes: Number(options.resolution) } : {}),
          ...(options.shards ? { shards: Math.min(8, Math.max(1, Number(options.shards) || 1)) } : {}),
          onProgress: (p) => bar.update(p.done, p.total, p.phase),
        });
        const files = await writeReportFiles(report, options.out ?? `推演-${options.jurisdiction}`);
        console.log(`隐患 / hazards ${report.hazards}；逾期 / overdue: 实际 / actual ${report.actual.overdue.count} → 推演 / proposed ${report.proposed.overdue.count}；跳过 / skipped ${report.skipped.total}`);
        console.log(files.join('\n'));
        return 0;
      } finally {
        await ds.destroy();
      }
    } catch (e) {
      if (!(e instanceof SimulationInputError)) throw e;
      console.error(`${e.zh} / ${e.en} (${e.code}, ${e.field})`);
      return 2;
    }
  },
};
