export * from './environment.schema';
export * from './app-config.module';
export * from './logging.module';
