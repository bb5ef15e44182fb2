/** Access log: one morgan line per response, written through winston (so it gets the request id). */
import morgan from 'morgan';
import { logger } from '../utils/logger';

// No headers in the format: Authorization and cookies never reach the log.
export const httpLogger = morgan(':method :url :status :res[content-length] - :response-time ms', {
  stream: { write: (line: string) => logger.http(line.trim()) },
});
