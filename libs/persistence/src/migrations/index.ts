import { HazardReadModel1764300000000 } from './1764300000000-hazard-read-model';
import { ReferenceData1764300100000 } from './1764300100000-reference-data';
import { ApiRecords1764300150000 } from './1764300150000-api-records';
import { Notifications1764300200000 } from './1764300200000-notifications';
import { Archive1764300300000 } from './1764300300000-archive';
import { Statistics1764300400000 } from './1764300400000-statistics';
import { WorkingCalendar1764300500000 } from './1764300500000-working-calendar';
import { AbuseBounds1764300700000 } from './1764300700000-abuse-bounds';
import { DuplicateDetection1764300600000 } from './1764300600000-duplicate-detection';
import { FilingReminderMessages1764300800000 } from './1764300800000-filing-reminder-messages';
import { PolicySimulations1764300900000 } from './1764300900000-policy-simulations';
import { PolicyMigrations1764301400000 } from './1764301400000-policy-migrations';
import { AccountabilityDocuments1764301800000 } from './1764301800000-accountability-documents';
import { RecordedDuplicateCandidates1764302100000 } from './1764302100000-recorded-duplicate-candidates';
import { IdempotencyClaimLease1764302400000 } from './1764302400000-idempotency-claim-lease';
import { DocumentNumberReservations1764302700000 } from './1764302700000-document-number-reservations';

/** In order. Listed explicitly so bundlers and swc builds need no glob. Append new ones at the end. */
export const MIGRATIONS = [
  HazardReadModel1764300000000,
  ReferenceData1764300100000,
  ApiRecords1764300150000,
  Notifications1764300200000,
  Statistics1764300400000,
  Archive1764300300000,
  WorkingCalendar1764300500000,
  DuplicateDetection1764300600000,
  AbuseBounds1764300700000,
  FilingReminderMessages1764300800000,
  PolicySimulations1764300900000,
  PolicyMigrations1764301400000,
  AccountabilityDocuments1764301800000,
  RecordedDuplicateCandidates1764302100000,
  IdempotencyClaimLease1764302400000,
  DocumentNumberReservations1764302700000,
];
