export * from './domain-event';
export * from './redis-connection';
