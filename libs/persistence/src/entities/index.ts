import { HazardHistoryEntity } from './hazard-history.entity';
import { HazardEntity } from './hazard.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { NOTIFICATION_ENTITIES } from './notification.entities';
import { DepartmentEntity, EnterpriseEntity, JurisdictionEntity, UserEntity } from './reference-data.entities';

export { DepartmentEntity, EnterpriseEntity, HazardEntity, HazardHistoryEntity, JurisdictionEntity, OutboxEventEntity, UserEntity };
/** Append new entities here. */
export const ENTITIES = [
  HazardEntity,
  HazardHistoryEntity,
  OutboxEventEntity,
  JurisdictionEntity,
  DepartmentEntity,
  EnterpriseEntity,
  UserEntity,
  ...NOTIFICATION_ENTITIES,
];
