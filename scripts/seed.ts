/**
 * `npm run seed`: demo data for trying the API right away (Postman, a RealWorld front end).
 * Idempotent: run it again and it adds nothing twice. Uses the same database as the
 * server (MONGODB_URI, or the embedded FerretDB in data/). All demo passwords: "conduit-demo-2026";
 * jake is an admin, ada a moderator, linus a user.
 */
import { createCache } from '../src/cache/cache';
import { subscribeUpkeep } from '../src/cache/upkeep';
import { closeRedisClient, createRedisClient } from '../src/db/redis';
import { config } from '../src/config';
import { openDatabase } from '../src/db';
import { pingDatabase } from '../src/db/connection';
import { createEventBus } from '../src/events/event-bus';
import { createMailer } from '../src/mail/mailer';
import { Article, Comment, User } from '../src/models';
import { indexSources } from '../src/queries/index-sources';
import { createServices, type Services } from '../src/services';
import { createStorage } from '../src/storage';
import { systemClock } from '../src/utils/clock';
import { configureLogger } from '../src/utils/logger';
import { createPublicUrl } from '../src/utils/public-url';

const PASSWORD = 'conduit-demo-2026';

const USERS = [
  { username: 'jake', email: 'jake@conduit.test', bio: 'I work at statefarm', role: 'admin' },
  {
    username: 'ada',
    email: 'ada@conduit.test',
    bio: 'Analytical engines and poetry',
    role: 'moderator',
  },
  { username: 'linus', email: 'linus@conduit.test', bio: 'Just for fun', role: 'user' },
];

const FOLLOWS: [string, string][] = [
  ['jake', 'ada'],
  ['ada', 'linus'],
  ['linus', 'jake'],
  ['jake', 'linus'],
];

const ARTICLES = [
  { author: 'jake', title: 'How to train your dragon', tags: ['dragons', 'training'] },
  { author: 'jake', title: 'Layered Express apps', tags: ['express', 'architecture'] },
  { author: 'ada', title: 'Notes on the analytical engine', tags: ['history', 'computing'] },
  { author: 'ada', title: 'Indexes that pay for themselves', tags: ['mongodb', 'performance'] },
  { author: 'linus', title: 'Graceful shutdown in Node.js', tags: ['node', 'operations'] },
  { author: 'linus', title: 'Why JWTs expire', tags: ['security', 'jwt'] },
];

function progress(step: string, done: number, total: number) {
  process.stdout.write(
    `\r${step.padEnd(10)} ${'#'.repeat(done).padEnd(total, '.')} ${done}/${total}`,
  );
  if (done === total) process.stdout.write('\n');
}

async function seed({ users, profiles, articles, comments }: Services) {
  const ids = new Map<string, string>();
  for (const [i, u] of USERS.entries()) {
    if (!(await User.exists({ email: u.email }))) {
      await users.register({ username: u.username, email: u.email, password: PASSWORD });
    }
    const user = await User.findOne({ email: u.email }).lean();
    ids.set(u.username, user!._id.toString());
    await users.update(ids.get(u.username)!, { bio: u.bio });
    // Demo roles for trying the admin API (jake) and moderation (ada); verified demo emails.
    await User.updateOne({ email: u.email }, { $set: { role: u.role, emailVerified: true } });
    progress('users', i + 1, USERS.length);
  }

  for (const [i, [follower, followee]] of FOLLOWS.entries()) {
    await profiles.follow(ids.get(follower)!, followee);
    progress('follows', i + 1, FOLLOWS.length);
  }

  const slugs: string[] = [];
  for (const [i, a] of ARTICLES.entries()) {
    const authorId = ids.get(a.author)!;
    const existing = await Article.findOne({ title: a.title, author: authorId }).lean();
    const slug =
      existing?.slug ??
      (
        await articles.create(authorId, {
          title: a.title,
          description: `A short read: ${a.title.toLowerCase()}.`,
          body: `# ${a.title}\n\nA demo article seeded by \`npm run seed\`.`,
          tagList: a.tags,
        })
      ).slug;
    slugs.push(slug);
    progress('articles', i + 1, ARTICLES.length);
  }

  const readers = [...ids.entries()];
  for (const [i, slug] of slugs.entries()) {
    const [name, readerId] = readers[(i + 1) % readers.length];
    await articles.favorite(readerId, slug);
    const body = `Thanks for writing this! — ${name}`;
    const article = await Article.findOne({ slug }).lean();
    if (!(await Comment.exists({ article: article!._id, author: readerId, body }))) {
      await comments.add(readerId, slug, body);
    }
    progress('reactions', i + 1, slugs.length);
  }
  console.log(
    `Seeded ${USERS.length} users (password "${PASSWORD}"), ${ARTICLES.length} articles.`,
  );
}

async function main() {
  configureLogger({ ...config.log, level: 'warn' });
  const db = await openDatabase(config.db);
  // No side effects are subscribed and no job is queued: seeding sends no email. Only the
  // cache hears of the new articles, so a running API sharing Redis shows them at once.
  const events = createEventBus();
  const redis = config.redis.url ? createRedisClient(config.redis.url) : undefined;
  const cache = createCache(
    { ...config.cache, keyPrefix: config.redis.keyPrefix },
    { redis, sources: indexSources },
  );
  subscribeUpkeep(events, cache);
  const services = createServices(config, {
    storage: createStorage(config.uploads),
    mailer: createMailer(config.mail),
    jobs: { enqueue: async () => undefined },
    clock: systemClock,
    events,
    cache,
    pingDatabase,
    publicUrl: createPublicUrl(config.appUrl, config.port).base,
  });
  try {
    await seed(services);
  } finally {
    await events.settled();
    await cache.close();
    await closeRedisClient(redis);
    await db.close();
  }
}

main().catch((err: Error) => {
  console.error(`seed failed: ${err.message}`);
  process.exit(1);
});
