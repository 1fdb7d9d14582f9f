export * from './hazard-activities';
export * from './calendar-activities';
export * from './search-attributes';
export * from './temporal-client.module';
