import request from 'supertest';
import { buildApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/database';
import { createArticle, createUser, unique } from '../helpers/factories';

useTestDatabase();
const app = buildApp();

describe('GET /api/v1/tags', () => {
  it('lists each tag in use once, most used first', async () => {
    const author = await createUser(app);
    const [common, rare] = [unique('common'), unique('rare')];
    await createArticle(app, author, { tagList: [common, rare] });
    await createArticle(app, author, { tagList: [common] });
    const res = await request(app).get('/api/v1/tags');
    expect(res.status).toBe(200);
    const tags = res.body.tags as string[];
    expect(tags.filter((t) => t === common)).toHaveLength(1);
    expect(tags.indexOf(common)).toBeLessThan(tags.indexOf(rare));
  });

  it('forgets a tag once no article uses it', async () => {
    const author = await createUser(app);
    const tag = unique('gone');
    const article = await createArticle(app, author, { tagList: [tag] });
    await request(app)
      .delete(`/api/v1/articles/${article.slug}`)
      .set('Authorization', author.auth)
      .expect(204);
    expect((await request(app).get('/api/v1/tags')).body.tags).not.toContain(tag);
  });
});
