/**
 * The AWS Lambda entry point (`handler`): the app is built on the first invocation of an
 * instance and kept, with its database connection, for the warm ones. Deployment and
 * limits: docs/deploy-serverless.md.
 */
import { config } from './config';
import { createLambdaHandler, type LambdaHandler } from './serverless/lambda';
import { configureLogger } from './utils/logger';

let instance: LambdaHandler | undefined;

export const handler: LambdaHandler = (event, context) => {
  if (!instance) {
    configureLogger(config.log);
    instance = createLambdaHandler(config);
  }
  return instance(event, context);
};
