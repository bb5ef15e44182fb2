// Runs before each test file's modules load: the app's config reads these.
process.env.NODE_ENV = 'test';
// The database comes from tests/helpers/database.ts, never from a developer's MONGODB_URI.
delete process.env.MONGODB_URI;
// Redis likewise comes from tests/helpers/redis.ts (TEST_REDIS_URL), never from REDIS_URL.
delete process.env.REDIS_URL;
