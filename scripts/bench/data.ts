/**
 * The benchmark's data: users registered through the API (real bcrypt hashes, real
 * tokens), then articles, favorites and follows written straight to the database (the
 * API's own shape) — thousands of them in seconds.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';

type Db = mongoose.mongo.Db;
const { ObjectId } = mongoose.mongo;

export interface BenchData {
  password: string;
  users: { id: string; email: string; token: string }[];
  usernames: string[];
  tags: string[];
  /** The newest articles (the first pages), which clients act on. */
  hotSlugs: string[];
  hotIds: string[];
}

const USERS = 100; // × 200 hot articles: 20,000 distinct favorites
const HOT = 200;
const BATCH = 1000;
const DAY_MS = 86_400_000;

function articleDoc(i: number, createdAt: Date, users: BenchData['users'], tags: string[]) {
  const slug = `bench-${i}-${randomBytes(3).toString('hex')}`;
  return {
    slug,
    title: `Bench article ${i}`,
    description: 'An article made by the benchmark',
    body: 'Lorem ipsum dolor sit amet. '.repeat(20),
    tagList: [tags[i % tags.length]],
    author: new ObjectId(users[i % users.length].id),
    createdAt,
    updatedAt: createdAt,
    __v: 0,
  };
}

async function insertArticles(
  db: Db,
  count: number,
  first: (i: number) => Date,
  data: Pick<BenchData, 'users' | 'tags'>,
  log: (m: string) => void,
) {
  for (let done = 0; done < count; done += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, count - done) }, (_, k) =>
      articleDoc(done + k, first(done + k), data.users, data.tags),
    );
    await db.collection('articles').insertMany(docs);
    log(`  articles: ${Math.min(done + BATCH, count)}/${count}`);
  }
}

/** Whether the seed favorited hot article `article` as user `user` (indexes): 1–5 fans each. */
export const isSeededFavorite = (user: number, article: number) =>
  article < 100 && user <= article % 5;

export async function seedBenchData(
  baseUrl: string,
  db: Db,
  articles: number,
  log: (m: string) => void,
): Promise<BenchData> {
  const password = 'correct horse battery staple 42';
  const run = randomBytes(3).toString('hex');
  log(`seeding ${USERS} users (through the API) and ${articles} articles`);
  const users: BenchData['users'] = [];
  const usernames: string[] = [];
  for (let i = 0; i < USERS; i += 1) {
    const username = `bench${run}${i}`;
    const res = await fetch(`${baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { username, email: `${username}@example.com`, password } }),
    });
    if (res.status !== 201)
      throw new Error(`registration failed: ${res.status} ${await res.text()}`);
    const { user } = (await res.json()) as { user: { token: string; email: string } };
    const stored = await db.collection('users').findOne({ username });
    users.push({ id: String(stored?._id), email: user.email, token: user.token });
    usernames.push(username);
  }
  const tags = Array.from({ length: 10 }, (_, i) => `tag${i}`);
  const now = Date.now();
  await insertArticles(db, articles, (i) => new Date(now - i * 60_000), { users, tags }, log);

  const newest = await db
    .collection('articles')
    .find({}, { projection: { slug: 1 } })
    .sort({ createdAt: -1 })
    .limit(HOT)
    .toArray();
  // A few favorites and follows, so lists have counts and flags to compute.
  const favorites = newest.flatMap((a, article) =>
    users
      .filter((_, user) => isSeededFavorite(user, article))
      .map((u) => ({ user: new ObjectId(u.id), article: a._id, createdAt: new Date() })),
  );
  await db.collection('favorites').insertMany(favorites);
  const follows = users.flatMap((u, i) =>
    [1, 2, 3].map((k) => ({
      follower: new ObjectId(u.id),
      followee: new ObjectId(users[(i + k) % users.length].id),
      createdAt: new Date(),
    })),
  );
  await db.collection('follows').insertMany(follows);
  return {
    password,
    users,
    usernames,
    tags,
    hotSlugs: newest.map((a) => String(a.slug)),
    hotIds: newest.map((a) => String(a._id)),
  };
}

/** Adds older articles until there are `total`: the newest pages stay the same. */
export async function grow(db: Db, total: number, data: BenchData, log: (m: string) => void) {
  const existing = await db.collection('articles').countDocuments();
  const missing = Math.max(0, total - existing);
  log(`\ngrowing to ${total} articles (${missing} more, older than the rest)`);
  const oldest = Date.now() - 365 * DAY_MS;
  await insertArticles(db, missing, (i) => new Date(oldest - i * 60_000), data, log);
}
