import { HazardHistoryEntity } from './hazard-history.entity';
import { HazardEntity } from './hazard.entity';
import { OutboxEventEntity } from './outbox-event.entity';

export { HazardEntity, HazardHistoryEntity, OutboxEventEntity };
export const ENTITIES = [HazardEntity, HazardHistoryEntity, OutboxEventEntity];
