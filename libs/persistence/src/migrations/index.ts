import { HazardReadModel1764300000000 } from './1764300000000-hazard-read-model';
import { ReferenceData1764300100000 } from './1764300100000-reference-data';
import { ApiRecords1764300150000 } from './1764300150000-api-records';
import { Notifications1764300200000 } from './1764300200000-notifications';
import { Archive1764300300000 } from './1764300300000-archive';
import { Statistics1764300400000 } from './1764300400000-statistics';
import { WorkingCalendar1764300500000 } from './1764300500000-working-calendar';

/** In order. Listed explicitly so bundlers and swc builds need no glob. Append new ones at the end. */
export const MIGRATIONS = [HazardReadModel1764300000000, ReferenceData1764300100000, ApiRecords1764300150000, Notifications1764300200000, Statistics1764300400000, Archive1764300300000, WorkingCalendar1764300500000];
