export * from './metric-names';
export * from './metrics-registry';
export * from './metrics-access';
export * from './metrics-server';
