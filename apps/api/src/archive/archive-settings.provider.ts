import { resolve } from 'node:path';
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
