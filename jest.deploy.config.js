/**
 * `npm run test:deploy`: the deployment pieces run with the real tools — pm2, nginx,
 * actionlint, docker-compose, the inspector — against the built server. Like the resilience
 * suite (same transform, one file at a time), on tests/deploy.
 * @type {import('jest').Config}
 */
const resilience = require('./jest.resilience.config.js');

module.exports = {
  ...resilience,
  roots: ['<rootDir>/tests/deploy'],
  testTimeout: 120_000,
  reporters: [
    'default',
    ['<rootDir>/tests/setup/summary-reporter.js', { file: 'deploy-summary.json' }],
  ],
};
