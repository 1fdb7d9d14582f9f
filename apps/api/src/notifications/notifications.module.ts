import { Module } from '@nestjs/common';
import { ChannelPreferencesController } from './channel-preferences.controller';
import { ChannelPreferencesService } from './channel-preferences.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The in-app inbox and channel preferences; the notifier app does the sending. */
@Module({ controllers: [InboxController, ChannelPreferencesController], providers: [InboxService, ChannelPreferencesService] })
export class NotificationsModule {}
