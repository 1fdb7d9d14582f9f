import { Module } from '@nestjs/common';
import { PolicyProvider } from '../hazards/policy.provider';
import { PolicyMigrationsController } from './policy-migrations.controller';
import { PolicyMigrationsService } from './policy-migrations.service';

/** 策略迁移: moving running hazards to a newer policy version (admin). */
@Module({
  controllers: [PolicyMigrationsController],
  providers: [PolicyMigrationsService, PolicyProvider],
})
export class PolicyMigrationsModule {}
