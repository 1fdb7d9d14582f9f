export * from './in-pool';
export * from './retry-while';
