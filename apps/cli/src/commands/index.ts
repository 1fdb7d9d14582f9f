import type { CliCommand } from '../cli-command';
import { bulletinCommand } from './bulletin.command';
import { calendarEstimateCommand, calendarImportCommand, calendarStatusCommand } from './calendar.command';
import { exportCommand } from './export.command';
import { filingsRemindCommand } from './filings-remind.command';
import { importCommand } from './import.command';
import { policyMigrateCommand } from './policy-migrate.command';
import { auditAnchorCommand, auditPurgeCommand, auditVerifyCommand } from './audit.command';
import { dossierBuildCommand, dossierVerifyCommand } from './dossier.command';
import { simulateCommand } from './simulate.command';

/** Every command of the CLI. Append yours. */
export const COMMANDS: CliCommand[] = [importCommand, exportCommand, bulletinCommand, filingsRemindCommand, auditVerifyCommand, auditAnchorCommand, auditPurgeCommand, dossierVerifyCommand, dossierBuildCommand, calendarImportCommand, calendarStatusCommand, calendarEstimateCommand, policyMigrateCommand, simulateCommand];
