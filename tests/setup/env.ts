// Runs before each test file's modules load: the app's config reads these.
process.env.NODE_ENV = 'test';
// The database comes from tests/helpers/database.ts, never from a developer's MONGODB_URI.
delete process.env.MONGODB_URI;
