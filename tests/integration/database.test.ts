import mongoose from 'mongoose';
import { detectCapabilities } from '../../src/db/capabilities';
import { RefreshToken } from '../../src/models';
import { useTestDatabase } from '../helpers/database';

useTestDatabase();

describe('database capabilities', () => {
  it('are detected once at connection, and decide how a TTL index is created', async () => {
    const capabilities = await detectCapabilities(mongoose.connection);
    const ttl = (await RefreshToken.collection.indexes()).find((i) => i.key.expiresAt === 1);
    expect(ttl).toBeDefined();
    if (capabilities.engine === 'ferretdb') {
      // FerretDB v1: no TTL indexes (the server's sweep deletes expired tokens instead).
      expect(capabilities).toEqual({
        engine: 'ferretdb',
        ttlIndexes: false,
        transactions: false,
        idLookupsOnly: true,
      });
      expect(ttl!.expireAfterSeconds).toBeUndefined();
    } else {
      expect(capabilities).toMatchObject({
        engine: 'mongodb',
        ttlIndexes: true,
        idLookupsOnly: false,
      });
      expect(ttl!.expireAfterSeconds).toBe(0);
    }
  });
});
