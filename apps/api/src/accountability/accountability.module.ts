import { Module } from '@nestjs/common';
import { AccountabilityListController } from './accountability-list.controller';
import { AccountabilityController, AccountabilityService } from './accountability.controller';

/** Supervisors read 责任倒查 records (written by the notifier when a workflow traces responsibility). */
@Module({ controllers: [AccountabilityController, AccountabilityListController], providers: [AccountabilityService] })
export class AccountabilityModule {}
