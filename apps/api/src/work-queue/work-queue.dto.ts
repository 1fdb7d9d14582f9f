import { ApiPropertyOptional } from '@nestjs/swagger';
import { HazardListItemDto } from '../hazards/dto/hazard-responses.dto';

/** The caller's work queue: which lists appear depends on the role (supervisor, enterprise, grid inspector; others get none). */
export class WorkQueueDto {
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Supervisors, grid inspectors: reported hazards to grade' })
  toGrade?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Supervisors: major hazards awaiting listing' })
  toList?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Supervisors: plans to decide at my listing level' })
  plansToDecide?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Supervisors: extension requests to decide at my listing level' })
  extensionsToDecide?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Supervisors: reviews awaited at my level' })
  reviewsDue?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Enterprises: listed hazards whose plan is due' })
  planDue?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Enterprises: hazards being rectified' }) rectifying?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Safety directors: general hazards to verify, where policy allows' })
  verificationDue?: HazardListItemDto[];
  @ApiPropertyOptional({ type: [HazardListItemDto], description: 'Open hazards past their rectification deadline' })
  overdue?: HazardListItemDto[];
}
