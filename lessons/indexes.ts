/**
 * Lesson: documents, collections and indexes.  Run: npm run lesson -- indexes
 *
 * A MongoDB database holds collections; a collection holds documents (BSON: JSON plus
 * dates, ObjectIds, binary). This lesson uses the app's own Article model
 * (src/models/article.model.ts) on a throwaway database: it stores articles, shows one
 * document, then asks the database how it runs the article list's query — the tag page,
 * newest first, 20 at a time — with `explain()`, before and after creating the index the
 * model declares for it (`{ tagList: 1, createdAt: -1 }`, created as src/db/indexes.ts does).
 *
 * On MongoDB the plan goes from COLLSCAN (read every document) + SORT to IXSCAN (walk the
 * index, already sorted). On the embedded FerretDB v1 (SQLite) the index is created and
 * listed, and unique indexes are enforced, but the query plan does not change: FerretDB v1
 * pushes only `_id` equality down to SQLite and filters and sorts everything else itself.
 * That is why the app caches list pages (src/queries/reads.ts) — measured in
 * docs/PERFORMANCE.md.
 *
 * Uses MONGODB_URI when set (a real MongoDB shows the difference); otherwise starts the
 * embedded database on a temporary directory.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { detectCapabilities } from '../src/db/capabilities';
import { startFerretdb } from '../src/db/ferretdb';
import { Article } from '../src/models/article.model';

const ARTICLES = 2_000;
const TAGS = 50;

interface Stage {
  stage: string;
  indexName?: string;
  inputStage?: Stage;
}

/** One line saying how the database runs the query, from either server's explain format. */
function planOf(explain: Record<string, unknown>): string {
  const planner = explain.queryPlanner as
    { winningPlan?: Stage & { queryPlan?: Stage }; Plan?: string[] } | undefined;
  if (planner?.winningPlan) {
    // The classic engine's tree, or the slot-based engine's (under queryPlan).
    const root = planner.winningPlan.queryPlan ?? planner.winningPlan;
    const stages: string[] = [];
    for (let s: Stage | undefined = root; s; s = s.inputStage)
      stages.push(s.indexName ? `${s.stage} ${s.indexName}` : s.stage);
    const stats = explain.executionStats as { totalDocsExamined?: number } | undefined;
    return `${stages.join(' ← ')}; documents examined: ${stats?.totalDocsExamined ?? '?'}`;
  }
  const yesNo = (flag: unknown) => (flag ? 'yes' : 'no');
  return (
    `SQLite plan "${planner?.Plan?.join('; ').replace(/^id=\d+ parent=\d+ notused=\d+ detail=/, '')}"; ` +
    `filter pushed down: ${yesNo(explain.filterPushdown)}, sort pushed down: ${yesNo(explain.sortPushdown)}`
  );
}

/** The median time of `runs` runs of `query`, in ms. */
async function medianMs(query: () => Promise<unknown>, runs = 15) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await query();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return (times[Math.floor(runs / 2)] ?? 0).toFixed(1);
}

async function connect() {
  const dbName = `lesson_indexes_${randomBytes(3).toString('hex')}`;
  if (process.env.MONGODB_URI) {
    await mongoose.connect(process.env.MONGODB_URI, { dbName, autoIndex: false });
    const { engine } = await detectCapabilities(mongoose.connection);
    return { server: `${engine} at MONGODB_URI`, stop: async () => undefined };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-indexes-'));
  const db = await startFerretdb({
    dataDir,
    cacheDir: path.join(os.homedir(), '.cache', 'conduit', 'ferretdb'),
    log: (m) => console.error(m),
  });
  await mongoose.connect(db.uri, { dbName, autoIndex: false });
  return {
    server: 'ferretdb (embedded, on SQLite)',
    stop: async () => {
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { server, stop } = await connect();
  try {
    console.log(`Database: ${server}`);
    const author = new Types.ObjectId();
    const start = Date.UTC(2026, 0, 1);
    await Article.insertMany(
      Array.from({ length: ARTICLES }, (_, i) => ({
        slug: `article-${i}`,
        title: `Article ${i}`,
        description: 'A document in the articles collection',
        body: 'Stored as BSON: strings, arrays, dates, ObjectIds.',
        tagList: [`tag-${i % TAGS}`],
        author,
        createdAt: new Date(start + i * 60_000),
      })),
      { lean: true },
    );
    const collections = await mongoose.connection.db!.listCollections().toArray();
    console.log(
      `1. Collections: ${collections.map((c) => c.name).join(', ')}; ${ARTICLES} documents in articles. One of them:`,
    );
    const one = await Article.findOne({ slug: 'article-7' }).select('-__v').lean();
    console.log(JSON.stringify(one, null, 2).replace(/^/gm, '   '));

    // The article list's query for a tag page (src/queries/reads.ts), first page.
    const listQuery = () =>
      Article.find({ tagList: 'tag-7' }).select('-body').sort({ createdAt: -1, _id: -1 }).limit(20);
    const explain = async () => planOf((await listQuery().explain('executionStats')) as never);

    await Article.collection.dropIndexes();
    console.log('2. The tag page, without its index:');
    const before = await explain();
    console.log(`   plan: ${before}`);
    console.log(`   median of 15 runs: ${await medianMs(() => listQuery().lean())} ms`);

    const declared = Article.schema.indexes().find(([keys]) => 'tagList' in keys);
    await Article.collection.createIndex(declared![0] as Record<string, 1 | -1>);
    const names = (await Article.collection.indexes()).map((i) => i.name);
    console.log(
      `3. With the model's index { tagList: 1, createdAt: -1 } (indexes now: ${names.join(', ')}):`,
    );
    const after = await explain();
    console.log(`   plan: ${after}`);
    console.log(`   median of 15 runs: ${await medianMs(() => listQuery().lean())} ms`);
    console.log(`   the index changed the plan: ${before === after ? 'no' : 'yes'}`);

    const byId = () => Article.find({ _id: one!._id });
    console.log(
      `4. One article by _id: ${planOf((await byId().explain('executionStats')) as never)}`,
    );
    console.log(`   median of 15 runs: ${await medianMs(() => byId().lean())} ms`);
    await mongoose.connection.dropDatabase();
  } finally {
    await mongoose.disconnect();
    await stop();
  }
}

void main();
