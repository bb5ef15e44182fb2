/**
 * `npm run test:deploy`: the deployment pieces run with the real tools — pm2, nginx,
 * actionlint, gitlab-ci-local, docker-compose — against the built server. One file at a time.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/deploy'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  maxWorkers: 1,
  testTimeout: 120_000,
  reporters: [
    'default',
    ['<rootDir>/tests/setup/summary-reporter.js', { file: 'deploy-summary.json' }],
  ],
};
