import { Module } from '@nestjs/common';
import { BulletinReportModule } from '@hazards/bulletins/bulletin-report.module';
import { HazardQueryModule } from '@hazards/hazards/hazard-query.module';
import { AuditAnchorCommand, AuditCommands, AuditPurgeCommand, AuditVerifyCommand } from './commands/audit.command';
import { BulletinCommand } from './commands/bulletin.command';
import { CalendarCommands, CalendarEstimateCommand, CalendarImportCommand, CalendarStatusCommand } from './commands/calendar.command';
import { DossierBuildCommand, DossierCommands, DossierVerifyCommand } from './commands/dossier.command';
import { ExportCommand } from './commands/export.command';
import { FilingsCommands, FilingsRemindCommand } from './commands/filings-remind.command';
import { ImportCommand } from './commands/import.command';
import { PolicyCommands, PolicyMigrateCommand } from './commands/policy-migrate.command';
import { SimulateCommand } from './commands/simulate.command';
import { CliRuntimeModule } from './runtime/cli-runtime.module';

/** The admin CLI: the same library modules as the API, and every command. Add yours to `providers`. */
@Module({
  imports: [CliRuntimeModule, HazardQueryModule, BulletinReportModule],
  providers: [
    ImportCommand,
    ExportCommand,
    BulletinCommand,
    FilingsCommands,
    FilingsRemindCommand,
    AuditCommands,
    AuditVerifyCommand,
    AuditAnchorCommand,
    AuditPurgeCommand,
    DossierCommands,
    DossierVerifyCommand,
    DossierBuildCommand,
    CalendarCommands,
    CalendarImportCommand,
    CalendarStatusCommand,
    CalendarEstimateCommand,
    PolicyCommands,
    PolicyMigrateCommand,
    SimulateCommand,
  ],
})
export class CliModule {}
