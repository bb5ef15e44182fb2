/**
 * Each index is declared once, in its model. MongoDB refuses two indexes on the same key
 * pattern with different options (IndexOptionsConflict): this lists them all and fails on
 * any repeated key pattern.
 */
import mongoose from 'mongoose';
import '../../src/models';

describe('model indexes', () => {
  const models = Object.values(mongoose.models);

  it.each(models.map((m) => [m.modelName, m] as const))(
    '%s declares each key pattern once',
    (_name, model) => {
      const patterns = model.schema.indexes().map(([keys]) => JSON.stringify(keys));
      expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
    },
  );

  it('declare the expiring tokens’ TTL indexes in the models themselves', () => {
    for (const name of ['RefreshToken', 'AccountToken']) {
      expect(mongoose.models[name].schema.indexes()).toContainEqual([
        { expiresAt: 1 },
        expect.objectContaining({ expireAfterSeconds: 0 }),
      ]);
    }
  });
});
