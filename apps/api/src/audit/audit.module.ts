import { Global, Module } from '@nestjs/common';
import { RefusalCountsRepository } from '@hazards/persistence/audit/refusal-counts.repository';
import { AuditService } from './audit.service';
import { RefusalCounter } from './refusal-counter';

@Global()
@Module({ providers: [AuditService, RefusalCounter, RefusalCountsRepository], exports: [AuditService, RefusalCounter] })
export class AuditModule {}
