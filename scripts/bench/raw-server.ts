/**
 * Baseline: the same reads and writes as the API, done by the raw MongoDB driver in a bare
 * node:http server on the same database — what the database itself costs. Started by
 * scripts/bench.ts with MONGODB_URI; prints `listening <port>`.
 *   GET  /articles?limit&offset&tag&viewer   a page, its count, authors, favorite counts,
 *                                            and with a viewer their favorites and follows
 *   POST /articles   {author}                 inserts an article
 *   POST /favorites  {user, article}          inserts a favorite (a duplicate is no error)
 *   POST /login      {email, password}        finds the user, compares the bcrypt hash
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import bcrypt from 'bcrypt';
import mongoose from 'mongoose';

const { MongoClient, ObjectId } = mongoose.mongo;

async function main() {
  const client = await MongoClient.connect(process.env.MONGODB_URI ?? '');
  const db = client.db();
  const articles = db.collection('articles');
  const users = db.collection('users');
  const favorites = db.collection('favorites');
  const follows = db.collection('follows');

  async function list(url: URL) {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const tag = url.searchParams.get('tag');
    const viewer = url.searchParams.get('viewer');
    const filter = tag ? { tagList: tag } : {};
    const [page, count] = await Promise.all([
      articles
        .find(filter, { projection: { body: 0 } })
        .sort({ createdAt: -1, _id: -1 })
        .skip(offset)
        .limit(limit)
        .toArray(),
      articles.countDocuments(filter),
    ]);
    const ids = page.map((a) => a._id);
    const authorIds = page.map((a) => a.author);
    const [authors, counts, mine, following] = await Promise.all([
      users
        .find({ _id: { $in: authorIds } }, { projection: { username: 1, bio: 1, image: 1 } })
        .toArray(),
      favorites
        .aggregate([
          { $match: { article: { $in: ids } } },
          { $group: { _id: '$article', count: { $sum: 1 } } },
        ])
        .toArray(),
      viewer ? favorites.find({ user: new ObjectId(viewer), article: { $in: ids } }).toArray() : [],
      viewer
        ? follows.find({ follower: new ObjectId(viewer), followee: { $in: authorIds } }).toArray()
        : [],
    ]);
    return { articles: page, authors, counts, mine, following, articlesCount: count };
  }

  const routes: Record<string, (url: URL, body: Record<string, string>) => Promise<unknown>> = {
    'GET /articles': (url) => list(url),
    'POST /articles': async (_url, body) => {
      const now = new Date();
      const slug = `raw-${randomBytes(6).toString('hex')}`;
      await articles.insertOne({
        slug,
        title: slug,
        description: 'A description',
        body: 'The body of the article.',
        tagList: ['raw'],
        author: new ObjectId(body.author),
        createdAt: now,
        updatedAt: now,
      });
      return { slug };
    },
    'POST /favorites': async (_url, body) => {
      try {
        await favorites.insertOne({
          user: new ObjectId(body.user),
          article: new ObjectId(body.article),
          createdAt: new Date(),
        });
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
      }
      return { ok: true };
    },
    'POST /login': async (_url, body) => {
      const user = await users.findOne({ email: body.email });
      const ok = user && (await bcrypt.compare(body.password, String(user.passwordHash)));
      return { ok: Boolean(ok) };
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://raw');
    const route = routes[`${req.method} ${url.pathname}`];
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      route(url, text ? (JSON.parse(text) as Record<string, string>) : {})
        .then((result) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(result));
        })
        .catch((err: Error) => {
          res.writeHead(500).end(err.message);
        });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') console.log(`listening ${address.port}`);
  });
}

void main();
