import { MODULE_METADATA } from '@nestjs/common/constants';
import { ApiModule } from '../../../apps/api/src/app.module';
import { ArchiveModule } from '../../../apps/api/src/archive/archive.module';

/**
 * The API with the archive's routes. app.module.ts imports ArchiveModule once it is wired; until
 * then the tests add it, so that they exercise the same module either way.
 */
export function ensureArchiveModuleImported(): void {
  const imports: unknown[] = Reflect.getMetadata(MODULE_METADATA.IMPORTS, ApiModule) ?? [];
  if (!imports.includes(ArchiveModule)) Reflect.defineMetadata(MODULE_METADATA.IMPORTS, [...imports, ArchiveModule], ApiModule);
}
