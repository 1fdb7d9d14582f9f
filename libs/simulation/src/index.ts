export * from './recorded-hazard';
export * from './history-to-actions';
export * from './simulation-engine';
export * from './simulation-recorder';
export * from './simulation-report';
export * from './time-skipping-server';
