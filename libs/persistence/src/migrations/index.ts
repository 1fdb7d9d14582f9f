import { HazardReadModel1764300000000 } from './1764300000000-hazard-read-model';

/** In order. Listed explicitly so bundlers and swc builds need no glob. */
export const MIGRATIONS = [HazardReadModel1764300000000];
