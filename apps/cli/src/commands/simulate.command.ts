import { readFileSync, statSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { jurisdictionPathOf } from '@hazards/persistence/simulation/simulation-history.repository';
import { SIMULATION_BOUNDS, SimulationInputError, validateSimulationRequest } from '@hazards/simulation/simulation-bounds';
import { simulatePolicy } from '@hazards/simulation/policy-simulation';
import { MAX_SHARDS } from '@hazards/simulation/simulation-engine';
import { writeReportFiles } from '@hazards/simulation/report-files';
import { CliCommand } from '../cli-command';
import { CliDatabase } from '../runtime/cli-database';
import { progressBar } from '../runtime/progress-bar';

interface SimulateOptions {
  policy?: string;
  jurisdiction?: string;
  from?: string;
  to?: string;
  out?: string;
  resolution?: string;
  shards?: string;
}

/**
 * `simulate --policy FILE --jurisdiction ID --from DATE --to DATE [--out NAME] [--resolution MINUTES]`:
 * 政策推演, a thin wrapper over libs/simulation; writes NAME.md (+ NAME-charts/), NAME.docx, NAME.json.
 */
@Command({ name: 'simulate', description: '政策推演 / replay a period under a proposed policy and compare' })
export class SimulateCommand extends CliCommand {
  readonly usage =
    'simulate --policy proposed.json --jurisdiction ID --from 2026-01-01 --to 2027-01-01 [--out NAME] [--resolution 60] [--shards N]';

  constructor(private readonly db: CliDatabase) {
    super();
  }

  @Option({ flags: '--policy <file>', description: '拟议策略文件 / the proposed policy (JSON)' })
  policy(v: string) {
    return v;
  }

  @Option({ flags: '--jurisdiction <id>', description: '辖区 / jurisdiction' })
  jurisdiction(v: string) {
    return v;
  }

  @Option({ flags: '--from <date>', description: '起 / from (YYYY-MM-DD)' })
  from(v: string) {
    return v;
  }

  @Option({ flags: '--to <date>', description: '止 / to (YYYY-MM-DD)' })
  to(v: string) {
    return v;
  }

  @Option({ flags: '--out <name>', description: '报告文件名 / report file name (without extension)' })
  out(v: string) {
    return v;
  }

  @Option({ flags: '--resolution <minutes>', description: '时间分辨率（分钟）/ time resolution in minutes' })
  resolution(v: string) {
    return v;
  }

  @Option({
    flags: '--shards <n>',
    description:
      '时间跳跃服务器数 / time-skipping servers (1-64; default SIMULATION_SHARDS, else one per SIMULATION_HAZARDS_PER_SHARD hazards)',
  })
  shards(v: string) {
    return v;
  }

  async execute(_params: string[], options: SimulateOptions) {
    const { policy, jurisdiction, from, to } = options;
    if (!policy || !jurisdiction || !from || !to) return this.usageError();
    try {
      if (statSync(policy).size > SIMULATION_BOUNDS.maxPolicyBytes) {
        const kib = SIMULATION_BOUNDS.maxPolicyBytes / 1024;
        throw new SimulationInputError('policy_too_large', `策略文件超过 ${kib} KiB。`, `The policy is larger than ${kib} KiB.`, 'policy');
      }
      const request = validateSimulationRequest({ policy: readFileSync(policy, 'utf8'), from, to });
      const ds = await this.db.open();
      const path = await jurisdictionPathOf(ds, jurisdiction);
      if (!path)
        throw new SimulationInputError(
          'unknown_jurisdiction',
          `辖区 ${jurisdiction} 不存在。`,
          `No jurisdiction ${jurisdiction}.`,
          'jurisdiction',
        );
      const bar = progressBar('推演 / simulating');
      const report = await simulatePolicy(ds, {
        ...request,
        jurisdictionId: jurisdiction,
        jurisdictionPath: path,
        ...(options.resolution ? { resolutionMinutes: Number(options.resolution) } : {}),
        ...(options.shards ? { shards: Math.min(MAX_SHARDS, Math.max(1, Number(options.shards) || 1)) } : {}),
        onProgress: (p) => bar.update(p.done, p.total, p.phase),
      });
      bar.end();
      const files = await writeReportFiles(report, options.out ?? `推演-${jurisdiction}`);
      console.log(
        `隐患 / hazards ${report.hazards}；逾期 / overdue: 实际 / actual ${report.actual.overdue.count} → 推演 / proposed ${report.proposed.overdue.count}；跳过 / skipped ${report.skipped.total}`,
      );
      console.log(files.join('\n'));
      return 0;
    } catch (e) {
      if (!(e instanceof SimulationInputError)) throw e;
      console.error(`${e.zh} / ${e.en} (${e.code}, ${e.field})`);
      return 2;
    }
  }
}
