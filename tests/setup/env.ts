// Runs before each test file's modules load: the app's config reads these.
import { configureLogger } from '../../src/utils/logger';

process.env.NODE_ENV = 'test';
// The database comes from tests/helpers/database.ts, never from a developer's MONGODB_URI.
delete process.env.MONGODB_URI;
// Redis likewise comes from tests/helpers/redis.ts (TEST_REDIS_URL), never from REDIS_URL.
delete process.env.REDIS_URL;
// Tests print nothing; tests/helpers/log-capture.ts records lines where a test reads them.
configureLogger({ level: 'silent', format: 'json', fileEnabled: false, dir: '' });
