import { Module } from '@nestjs/common';
import { ChannelPreferencesRepository } from '@hazards/persistence/notifications/channel-preferences.repository';
import { InboxRepository } from '@hazards/persistence/notifications/inbox.repository';
import { ChannelPreferencesController } from './channel-preferences.controller';
import { ChannelPreferencesService } from './channel-preferences.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app inbox and channel preferences; the notifier app does the sending. */
@Module({
  controllers: [InboxController, ChannelPreferencesController],
  providers: [InboxService, InboxRepository, ChannelPreferencesService, ChannelPreferencesRepository],
})
export class NotificationsModule {}
