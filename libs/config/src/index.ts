export * from './environment.schema';
export * from './app-config.module';
export * from './logging.module';
export * from './local-stack-settings';
export * from './ready-signal';
export * from './process-name';
