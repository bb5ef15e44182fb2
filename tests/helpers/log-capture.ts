import Transport from 'winston-transport';
import { logger } from '../../src/utils/logger';

/** Records what the app logs (as the JSON-ready info objects) while a test runs. */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const transport = new (class extends Transport {
    override log(info: Record<string, unknown>, callback: () => void) {
      lines.push(info);
      callback();
    }
  })({ level: 'debug' });
  const wasSilent = logger.silent;
  const level = logger.level;
  logger.add(transport);
  logger.silent = false;
  logger.level = 'debug';
  // The console transport stays quiet: tests print nothing.
  const consoleTransports = logger.transports.filter((t) => t !== transport);
  consoleTransports.forEach((t) => (t.silent = true));
  return {
    lines,
    restore() {
      logger.remove(transport);
      logger.silent = wasSilent;
      logger.level = level;
      consoleTransports.forEach((t) => (t.silent = false));
    },
  };
}
