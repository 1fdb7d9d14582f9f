export * from './policy-migrator';
