/**
 * `npm run test:resilience`: real processes (the built server, its embedded database,
 * Redis) under hostile input, kills and outages. One file at a time: they measure.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/resilience'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  maxWorkers: 1,
  testTimeout: 180_000,
  reporters: [
    'default',
    ['<rootDir>/tests/setup/summary-reporter.js', { file: 'resilience-summary.json' }],
  ],
};
