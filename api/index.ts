/**
 * The Vercel function entry point: every path is rewritten here (vercel.json), and the
 * same Express app answers. Deployment and limits: docs/deploy-serverless.md.
 */
import { config } from '../src/config';
import { createVercelHandler } from '../src/serverless/vercel';
import { configureLogger } from '../src/utils/logger';

configureLogger(config.log);

export default createVercelHandler(config);
