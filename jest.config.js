/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Suites of their own: npm run test:resilience and npm run test:deploy.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/tests/resilience/',
    '<rootDir>/tests/deploy/',
  ],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/setup/contract.ts'],
  testTimeout: 30000,
  // Jest's default (cores - 1) is one worker on a 2-core machine; the tests wait on the
  // database much of the time, and every file has its own database, so use every core.
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/tests/setup/summary-reporter.js'],
  collectCoverageFrom: ['src/**/*.ts', '!src/server.ts', '!src/types/**'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 85 } },
};
