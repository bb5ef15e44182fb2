/**
 * The mocking lesson is a Jest test file of its own, run by `npm run lesson -- mocking`
 * (not by `npm test`, whose roots are tests/). Same TypeScript transform as the suite.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.lesson.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  verbose: true,
};
