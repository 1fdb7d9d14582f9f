import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SimulationHistoryRepository } from '@hazards/persistence/simulation/simulation-history.repository';
import { SimulationRunsRepository, type SimulationRunRow } from '@hazards/persistence/simulation/simulation-runs.repository';
import { checkHazardCount, SimulationInputError, validateSimulationRequest } from '@hazards/simulation/simulation-bounds';
import { reportDocx, reportMarkdownInline } from '@hazards/simulation/report-files';
import type { SimulationReport } from '@hazards/simulation/simulation-report';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import { resolveScope } from '@hazards/statistics/statistics.service';
import type { SimulationRequestDto } from './simulation-request.dto';
import { SimulationRunner, STALE_SECONDS } from './simulation-runner.service';

const asApiError = (e: unknown): unknown =>
  e instanceof SimulationInputError ? new ApiException(e.status, e.code, e.zh, e.en, e.field) : e;

/** What GET /simulations/:id answers: the run, its progress, and the report once done. */
export function runView(r: SimulationRunRow) {
  return {
    id: r.id,
    status: r.status,
    jurisdictionId: r.jurisdictionId,
    from: r.from,
    to: r.to,
    policyVersion: (r.policy as { version?: string }).version ?? null,
    progress: r.progress,
    error: r.error,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    report: r.report as SimulationReport | null,
  };
}

/** 政策推演 through the API: supervisors (and admins) for a jurisdiction of their own subtree. */
@Injectable()
export class SimulationsService {
  private readonly runs: SimulationRunsRepository;
  private readonly history: SimulationHistoryRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly runner: SimulationRunner,
  ) {
    this.runs = new SimulationRunsRepository(ds);
    this.history = new SimulationHistoryRepository(ds);
  }

  /** Checks everything a user controls before anything is stored: nothing half-applies. */
  async create(user: AuthUser, dto: SimulationRequestDto) {
    const scope = await resolveScope(this.ds, user, dto.jurisdictionId);
    try {
      const request = validateSimulationRequest(dto);
      checkHazardCount(await this.history.countHazards(scope.path, request.from, request.to));
      const id = randomUUID();
      await this.runs.create({
        id,
        requestedBy: user.id,
        jurisdictionId: scope.id,
        from: request.from,
        to: request.to,
        policy: request.policy,
      });
      this.runner.enqueue({
        id,
        policy: request.policy,
        jurisdictionId: scope.id,
        jurisdictionPath: scope.path,
        from: request.from,
        to: request.to,
      });
      return runView((await this.runs.get(id))!);
    } catch (e) {
      throw asApiError(e);
    }
  }

  /** One's own runs only (an admin sees all): another's answers as a missing one does. */
  async get(user: AuthUser, id: string): Promise<SimulationRunRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('simulation');
    await this.runs.failStale(STALE_SECONDS);
    const run = await this.runs.get(id);
    if (!run || (user.role !== 'admin' && run.requestedBy !== user.id)) throw notFound('simulation');
    return run;
  }

  async report(user: AuthUser, id: string, format: 'json' | 'markdown' | 'docx') {
    const run = await this.get(user, id);
    if (run.status !== 'succeeded' || !run.report) {
      throw new ApiException(409, 'simulation_not_finished', '推演尚未完成。', 'The simulation has not finished.', 'id');
    }
    const report = run.report as unknown as SimulationReport;
    if (format === 'markdown')
      return {
        contentType: 'text/markdown; charset=utf-8',
        fileName: `推演-${run.jurisdictionId}.md`,
        body: Buffer.from(reportMarkdownInline(report), 'utf8'),
      };
    if (format === 'docx')
      return {
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        fileName: `推演-${run.jurisdictionId}.docx`,
        body: await reportDocx(report),
      };
    return { contentType: 'application/json', fileName: '', body: report };
  }
}
