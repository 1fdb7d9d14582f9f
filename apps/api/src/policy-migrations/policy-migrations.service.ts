import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { knownPolicies } from '@hazards/domain/policy/known-policies';
import { PolicyMigrationRefused, PolicyMigrator } from '@hazards/policy-migration';
import { TemporalClientService } from '@hazards/temporal';
import { toActor, type AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import { ArchiveSettings } from '../archive/archive-settings.provider';
import { PolicyProvider } from '../hazards/policy.provider';
import type { PolicyMigrationRequestDto } from './policy-migration.dto';

/** 策略迁移 over HTTP: the migrator of libs/policy-migration, its refusals in the one error shape. */
@Injectable()
export class PolicyMigrationsService {
  private readonly migrator: PolicyMigrator;

  constructor(ds: DataSource, archive: ArchiveSettings, temporal: TemporalClientService, policy: PolicyProvider) {
    this.migrator = new PolicyMigrator(ds, temporal.client, archive.key, knownPolicies([policy.current]));
  }

  /** A run writes its own audit rows (start and end); only a dry run leaves the request's row to the interceptor. */
  async run(dto: PolicyMigrationRequestDto, user: AuthUser, req: Request & { id?: unknown; auditRecorded?: boolean }) {
    try {
      const report = await this.migrator.run(
        { to: dto.to, from: dto.from, jurisdictionId: dto.jurisdiction, dryRun: dto.dryRun, reason: dto.reason, batchSize: dto.batchSize },
        {
          actor: toActor(user),
          username: user.username,
          via: 'api',
          sourceIp: req.ip ?? null,
          requestId: typeof req.id === 'string' ? req.id : null,
        },
      );
      if (!report.dryRun) req.auditRecorded = true;
      return report;
    } catch (err) {
      if (err instanceof PolicyMigrationRefused) throw new ApiException(err.status, err.code, err.zh, err.en, err.field);
      throw err;
    }
  }

  list(limit: number) {
    return this.migrator.repository.list(limit);
  }

  async get(id: string, after: string, limit: number) {
    const run = await this.migrator.repository.byId(id);
    if (!run) throw notFound('policy migration');
    return { ...run, hazards: await this.migrator.repository.hazards(id, after, limit) };
  }
}
