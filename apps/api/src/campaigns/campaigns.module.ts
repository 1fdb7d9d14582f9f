import { Module } from '@nestjs/common';
import { HazardsModule } from '../hazards/hazards.module';
import { CampaignService } from '@hazards/campaigns/campaign.service';
import { CampaignRepository } from '@hazards/persistence/campaigns/campaign.repository';
import { CampaignsController } from './campaigns.controller';

/** Inspection campaigns (安全生产大检查). */
@Module({
  imports: [HazardsModule],
  controllers: [CampaignsController],
  providers: [CampaignService, CampaignRepository],
  exports: [CampaignService],
})
export class CampaignsModule {}
