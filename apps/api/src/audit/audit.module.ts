import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { RefusalCounter } from './refusal-counter';

@Global()
@Module({ providers: [AuditService, RefusalCounter], exports: [AuditService, RefusalCounter] })
export class AuditModule {}
