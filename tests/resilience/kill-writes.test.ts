/**
 * kill -9 of the server during concurrent writes, three times on the same data: every
 * write the API acknowledged (201) is there after the restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApi, UNLIMITED } from '../../scripts/lib/api-process';
import { call, pool, registerUser, type User } from './helpers/client';
import { report } from './helpers/report';

const ROUNDS = 3;
const WRITERS = 10;

async function isGone(pid: number) {
  for (let i = 0; i < 50; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

it('keeps every acknowledged write across three kill -9 of the server', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-kill9-'));
  const acknowledged: { kind: 'article' | 'comment'; path: string }[] = [];
  let attempted = 0;
  let user: User | undefined;
  let firstSlug = '';
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const api = await startApi({ env: UNLIMITED, dataDir });
      user ??= await registerUser(api.baseUrl, 'kill9');
      if (!firstSlug) {
        const first = await call(api.baseUrl, 'POST', '/api/v1/articles', {
          auth: user.auth,
          body: { article: { title: 'Before the kills', description: 'd', body: 'b' } },
        });
        firstSlug = (first.body as { article: { slug: string } }).article.slug;
      }
      let killed = false;
      const writer = async (w: number) => {
        for (let i = 0; !killed; i += 1) {
          attempted += 1;
          const comment = i % 2 === 1;
          const res = await call(
            api.baseUrl,
            'POST',
            comment ? `/api/v1/articles/${firstSlug}/comments` : '/api/v1/articles',
            {
              auth: user!.auth,
              body: comment
                ? { comment: { body: `round ${round} writer ${w} #${i}` } }
                : { article: { title: `r${round} w${w} #${i}`, description: 'd', body: 'b' } },
            },
          ).catch(() => undefined); // cut by the kill: not acknowledged
          if (res?.status !== 201) continue;
          const body = res.body as { article?: { slug: string }; comment?: { id: string } };
          acknowledged.push(
            body.article
              ? { kind: 'article', path: `/api/v1/articles/${body.article.slug}` }
              : { kind: 'comment', path: body.comment!.id },
          );
        }
      };
      const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await new Promise((r) => setTimeout(r, 2500));
      const ferretdbPid = Number(
        api.logs.find((l) => l.message === 'embedded FerretDB started')?.pid,
      );
      api.child.kill('SIGKILL');
      await api.exited;
      killed = true;
      await writers;
      expect(await isGone(ferretdbPid)).toBe(true); // it died with its parent
    }

    const api = await startApi({ env: UNLIMITED, dataDir });
    try {
      const articles = acknowledged.filter((a) => a.kind === 'article');
      const missingArticles = (
        await pool(
          articles.map((a) => async () => (await call(api.baseUrl, 'GET', a.path)).status),
          10,
        )
      ).filter((status) => status !== 200).length;
      const comments = await call(
        api.baseUrl,
        'GET',
        `/api/v1/articles/${firstSlug}/comments?limit=100`,
      );
      const storedCommentIds = new Set<string>();
      const total = (comments.body as { commentsCount: number }).commentsCount;
      for (let offset = 0; offset < total; offset += 100) {
        const page = await call(
          api.baseUrl,
          'GET',
          `/api/v1/articles/${firstSlug}/comments?limit=100&offset=${offset}`,
        );
        for (const c of (page.body as { comments: { id: string }[] }).comments)
          storedCommentIds.add(c.id);
      }
      const ackComments = acknowledged.filter((a) => a.kind === 'comment');
      const missingComments = ackComments.filter((c) => !storedCommentIds.has(c.path)).length;
      report('kill-9-during-writes', {
        rounds: ROUNDS,
        writers: WRITERS,
        attempted,
        acknowledged: acknowledged.length,
        'acknowledged articles': articles.length,
        'acknowledged comments': ackComments.length,
        lost: missingArticles + missingComments,
      });
      expect(missingArticles + missingComments).toBe(0);
      expect(acknowledged.length).toBeGreaterThan(30);
    } finally {
      await api.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
