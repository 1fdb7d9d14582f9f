import { Module } from '@nestjs/common';
import { AccountabilityListController } from './accountability-list.controller';
import { AccountabilityRecordsRepository } from '@hazards/persistence/accountability/accountability-records.repository';
import { AccountabilityController } from './accountability.controller';
import { AccountabilityService } from './accountability.service';

/** Supervisors read 责任倒查 records (written by the notifier when a workflow traces responsibility). */
@Module({
  controllers: [AccountabilityController, AccountabilityListController],
  providers: [AccountabilityService, AccountabilityRecordsRepository],
})
export class AccountabilityModule {}
