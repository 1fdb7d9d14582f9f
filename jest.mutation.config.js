// The suite StrykerJS runs for each mutant (npm run mutate): the pure unit specs of the domain
// rules, the policy and the workflow's validators and alarms. No services, no global setup.
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/libs/domain/**/*.spec.ts', '<rootDir>/workflows/**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
