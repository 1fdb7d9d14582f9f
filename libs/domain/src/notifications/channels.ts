/** The channels a message can go out on (the channel_preferences.channel values). */
export const CHANNELS = ['inbox', 'email', 'dingtalk', 'wecom', 'webhook'] as const;
export type ChannelName = (typeof CHANNELS)[number];
