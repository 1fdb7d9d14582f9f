export * from './in-pool';
