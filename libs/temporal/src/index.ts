export * from './hazard-activities';
export * from './search-attributes';
export * from './temporal-client.module';
