import { resolve } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@hazards/config';
import { ArchiveKey } from '@hazards/archive/archive-key';

/** The archive key and anchor file, from the validated configuration. */
export class ArchiveSettings {
  constructor(
    readonly key: ArchiveKey,
    readonly anchorFile: string,
  ) {}
}

export const archiveSettingsProvider = {
  provide: ArchiveSettings,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new ArchiveSettings(
      ArchiveKey.of(config.get('ARCHIVE_HMAC_KEY', { infer: true })),
      resolve(config.get('ARCHIVE_ANCHOR_FILE', { infer: true })),
    ),
};

/**
 * Global: whatever seals into the archive's hash chains (audit rows, hazard steps, calendar loads,
 * policy migrations) takes the one key of the process from here, not from the configuration again.
 */
@Global()
@Module({ providers: [archiveSettingsProvider], exports: [ArchiveSettings] })
export class ArchiveSettingsModule {}
