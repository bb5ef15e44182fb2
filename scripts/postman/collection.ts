/**
 * The Postman collection, written as code: requests and their test scripts, turned
 * into the v2.1 JSON that Postman, Insomnia and newman read. `npm run
 * postman:build` writes postman/*.json; tests/unit/postman-collection.test.ts fails when
 * the committed JSON is stale.
 *
 * The walk-through chains its variables like a person would: register → login → create
 * → read → update → favorite → comment → delete. It makes unique users each run.
 */

import { servedDocument } from '../lib/served-openapi';

/** Scripts are plain JavaScript for Postman's sandbox (`pm`), kept readable as written. */
const js = String.raw;

type Script = string;
interface Req {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  auth?: 'token' | 'celebToken';
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** The body's Content-Type when not JSON (none for form data: Postman sets the boundary). */
  contentType?: string;
  /** A GraphQL operation (Postman's GraphQL body mode, sent as JSON). */
  graphql?: { query: string; variables?: Record<string, unknown> };
  /** multipart/form-data fields, each a file from postman/ (newman's working directory). */
  form?: { key: string; src: string }[];
  prerequest?: Script;
  test: Script;
}

function lines(script: Script): string[] {
  const rows = script.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...rows.map((l) => l.length - l.trimStart().length));
  return rows.map((l) => l.slice(indent));
}

function item(r: Req) {
  const headers = r.form ? [] : [{ key: 'Content-Type', value: r.contentType ?? 'application/json' }];
  if (r.auth) headers.push({ key: 'Authorization', value: `Token {{${r.auth}}}` });
  for (const [key, value] of Object.entries(r.headers ?? {})) headers.push({ key, value });
  const events = [{ listen: 'test', script: { type: 'text/javascript', exec: lines(r.test) } }];
  if (r.prerequest)
    events.unshift({
      listen: 'prerequest',
      script: { type: 'text/javascript', exec: lines(r.prerequest) },
    });
  const raw = r.rawBody ?? (r.body === undefined ? undefined : JSON.stringify(r.body, null, 2));
  return {
    name: r.name,
    event: events,
    request: {
      method: r.method,
      header: headers,
      ...(raw !== undefined && {
        body: { mode: 'raw', raw, options: { raw: { language: r.contentType ? 'text' : 'json' } } },
      }),
      ...(r.graphql && {
        body: {
          mode: 'graphql',
          graphql: { query: r.graphql.query, variables: JSON.stringify(r.graphql.variables ?? {}) },
        },
      }),
      ...(r.form && {
        body: { mode: 'formdata', formdata: r.form.map((f) => ({ ...f, type: 'file' })) },
      }),
      url: {
        raw: `{{baseUrl}}${r.path}`,
        host: ['{{baseUrl}}'],
        path: r.path.split('?')[0].split('/').filter(Boolean),
        ...(r.path.includes('?') && {
          query: r.path
            .split('?')[1]
            .split('&')
            .map((kv) => ({ key: kv.split('=')[0], value: kv.split('=')[1] })),
        }),
      },
    },
  };
}

const folder = (name: string, requests: Req[]) => ({ name, item: requests.map(item) });

const auth = folder('Auth', [
  {
    name: 'Register',
    method: 'POST',
    path: '/api/v1/users',
    prerequest: js`
      const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
      pm.collectionVariables.set('username', 'pm' + id);
      pm.collectionVariables.set('email', 'pm' + id + '@example.com');
      pm.collectionVariables.set('password', 'postman-password');
    `,
    body: { user: { username: '{{username}}', email: '{{email}}', password: '{{password}}' } },
    test: js`
      pm.test('201 Created', () => pm.response.to.have.status(201));
      const user = pm.response.json().user;
      pm.test('user shape', () => {
        pm.expect(user).to.have.all.keys('email', 'token', 'username', 'bio', 'image');
        pm.expect(user.username).to.eql(pm.collectionVariables.get('username'));
        pm.expect(user.bio).to.eql(null);
      });
      pm.collectionVariables.set('token', user.token);
    `,
  },
  {
    name: 'Register again with the same name → 422',
    method: 'POST',
    path: '/api/v1/users',
    body: { user: { username: '{{username}}', email: '{{email}}', password: '{{password}}' } },
    test: js`
      pm.test('422 with per-field errors', () => {
        pm.response.to.have.status(422);
        pm.expect(pm.response.json().errors.username).to.eql(['is already taken']);
        pm.expect(pm.response.json().errors.email).to.eql(['is already taken']);
      });
    `,
  },
  {
    name: 'Login',
    method: 'POST',
    path: '/api/v1/users/login',
    body: { user: { email: '{{email}}', password: '{{password}}' } },
    test: js`
      pm.test('200 OK with a token', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().user.token).to.be.a('string');
      });
      pm.collectionVariables.set('token', pm.response.json().user.token);
    `,
  },
  {
    name: 'Login with a wrong password → 401',
    method: 'POST',
    path: '/api/v1/users/login',
    body: { user: { email: '{{email}}', password: 'not-the-password' } },
    test: js`
      pm.test('401 in the error shape', () => {
        pm.response.to.have.status(401);
        pm.expect(pm.response.json().errors['email or password']).to.eql(['is invalid']);
        pm.expect(pm.response.json().requestId).to.be.a('string');
      });
    `,
  },
  {
    name: 'Current user',
    method: 'GET',
    path: '/api/v1/user',
    auth: 'token',
    test: js`
      pm.test('200 with the same user', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().user.email).to.eql(pm.collectionVariables.get('email'));
      });
    `,
  },
  {
    name: 'Update user',
    method: 'PUT',
    path: '/api/v1/user',
    auth: 'token',
    body: {
      user: {
        bio: 'I write with Postman',
        image: 'https://api.realworld.io/images/smiley-cyrus.jpeg',
      },
    },
    test: js`
      pm.test('200 with the new bio and image', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().user.bio).to.eql('I write with Postman');
        pm.expect(pm.response.json().user.image).to.eql('https://api.realworld.io/images/smiley-cyrus.jpeg');
      });
    `,
  },
  {
    name: 'Current user without a token → 401',
    method: 'GET',
    path: '/api/v1/user',
    test: js`
      pm.test('401', () => pm.response.to.have.status(401));
    `,
  },
]);

const profiles = folder('Profiles', [
  {
    name: 'Register a second user (the reader)',
    method: 'POST',
    path: '/api/v1/users',
    prerequest: js`
      const id = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
      pm.collectionVariables.set('celebUsername', 'reader' + id);
      pm.collectionVariables.set('celebEmail', 'reader' + id + '@example.com');
    `,
    body: {
      user: { username: '{{celebUsername}}', email: '{{celebEmail}}', password: '{{password}}' },
    },
    test: js`
      pm.test('201 Created', () => pm.response.to.have.status(201));
      pm.collectionVariables.set('celebToken', pm.response.json().user.token);
    `,
  },
  {
    name: 'Get a profile anonymously',
    method: 'GET',
    path: '/api/v1/profiles/{{username}}',
    test: js`
      pm.test('200 with following false', () => {
        pm.response.to.have.status(200);
        const profile = pm.response.json().profile;
        pm.expect(profile).to.have.all.keys('username', 'bio', 'image', 'following');
        pm.expect(profile.following).to.eql(false);
      });
    `,
  },
  {
    name: 'Reader follows the author',
    method: 'POST',
    path: '/api/v1/profiles/{{username}}/follow',
    auth: 'celebToken',
    test: js`
      pm.test('200 with following true', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().profile.following).to.eql(true);
      });
    `,
  },
  {
    name: 'Reader unfollows the author',
    method: 'DELETE',
    path: '/api/v1/profiles/{{username}}/follow',
    auth: 'celebToken',
    test: js`
      pm.test('200 with following false', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().profile.following).to.eql(false);
      });
    `,
  },
  {
    name: 'Reader follows again (for the feed)',
    method: 'POST',
    path: '/api/v1/profiles/{{username}}/follow',
    auth: 'celebToken',
    test: js`
      pm.test('200 with following true', () => pm.expect(pm.response.json().profile.following).to.eql(true));
    `,
  },
  {
    name: 'Follow yourself → 422',
    method: 'POST',
    path: '/api/v1/profiles/{{username}}/follow',
    auth: 'token',
    test: js`
      pm.test('422', () => pm.response.to.have.status(422));
    `,
  },
  {
    name: 'Unknown profile → 404',
    method: 'GET',
    path: '/api/v1/profiles/nobody-{{username}}',
    test: js`
      pm.test('404 in the error shape', () => {
        pm.response.to.have.status(404);
        pm.expect(pm.response.json().errors.profile).to.eql(['not found']);
      });
    `,
  },
]);

const articles = folder('Articles', [
  {
    name: 'Create article',
    method: 'POST',
    path: '/api/v1/articles',
    auth: 'token',
    prerequest: js`
      pm.collectionVariables.set('tag', 'postman' + Date.now().toString(36));
    `,
    body: {
      article: {
        title: 'How to train your dragon',
        description: 'Ever wonder how?',
        body: 'You have to believe',
        tagList: ['dragons', '{{tag}}'],
      },
    },
    test: js`
      pm.test('201 with the article', () => {
        pm.response.to.have.status(201);
        const article = pm.response.json().article;
        pm.expect(article).to.have.all.keys('slug', 'title', 'description', 'body', 'tagList', 'createdAt', 'updatedAt', 'favorited', 'favoritesCount', 'author');
        pm.expect(article.slug).to.match(/^how-to-train-your-dragon/);
        pm.expect(article.favoritesCount).to.eql(0);
        pm.expect(article.createdAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      });
      pm.collectionVariables.set('slug', pm.response.json().article.slug);
    `,
  },
  {
    name: 'Get article',
    method: 'GET',
    path: '/api/v1/articles/{{slug}}',
    test: js`
      pm.test('200 with the body', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().article.body).to.eql('You have to believe');
      });
    `,
  },
  {
    name: 'Update article (new title → new slug)',
    method: 'PUT',
    path: '/api/v1/articles/{{slug}}',
    auth: 'token',
    body: { article: { title: 'Did you train your dragon?' } },
    test: js`
      pm.test('200 with a new slug', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().article.slug).to.match(/^did-you-train-your-dragon/);
      });
      pm.collectionVariables.set('slug', pm.response.json().article.slug);
    `,
  },
  {
    name: 'Update by someone else → 403',
    method: 'PUT',
    path: '/api/v1/articles/{{slug}}',
    auth: 'celebToken',
    body: { article: { body: 'hijacked' } },
    test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    `,
  },
  {
    name: 'List articles by tag',
    method: 'GET',
    path: '/api/v1/articles?tag={{tag}}&limit=10&offset=0',
    test: js`
      pm.test('200 with exactly our article, without body', () => {
        pm.response.to.have.status(200);
        const json = pm.response.json();
        pm.expect(json.articlesCount).to.eql(1);
        pm.expect(json.articles[0].slug).to.eql(pm.collectionVariables.get('slug'));
        pm.expect(json.articles[0]).to.not.have.property('body');
      });
    `,
  },
  {
    name: 'List articles by author',
    method: 'GET',
    path: '/api/v1/articles?author={{username}}',
    test: js`
      pm.test('200 with one article', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().articlesCount).to.eql(1);
      });
    `,
  },
  {
    name: 'Feed of the reader',
    method: 'GET',
    path: '/api/v1/articles/feed',
    auth: 'celebToken',
    test: js`
      pm.test('200 with the followed author’s article', () => {
        pm.response.to.have.status(200);
        const json = pm.response.json();
        pm.expect(json.articles.map((a) => a.slug)).to.include(pm.collectionVariables.get('slug'));
        pm.expect(json.articles[0].author.following).to.eql(true);
      });
    `,
  },
  {
    name: 'Invalid limit → 422',
    method: 'GET',
    path: '/api/v1/articles?limit=1000',
    test: js`
      pm.test('422 naming limit', () => {
        pm.response.to.have.status(422);
        pm.expect(pm.response.json().errors).to.have.property('limit');
      });
    `,
  },
]);

const favorites = folder('Favorites', [
  {
    name: 'Favorite article',
    method: 'POST',
    path: '/api/v1/articles/{{slug}}/favorite',
    auth: 'celebToken',
    test: js`
      pm.test('200, favorited, count 1', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().article.favorited).to.eql(true);
        pm.expect(pm.response.json().article.favoritesCount).to.eql(1);
      });
    `,
  },
  {
    name: 'Favorite again (idempotent)',
    method: 'POST',
    path: '/api/v1/articles/{{slug}}/favorite',
    auth: 'celebToken',
    test: js`
      pm.test('count still 1', () => pm.expect(pm.response.json().article.favoritesCount).to.eql(1));
    `,
  },
  {
    name: 'List articles favorited by the reader',
    method: 'GET',
    path: '/api/v1/articles?favorited={{celebUsername}}',
    test: js`
      pm.test('our article', () => {
        pm.expect(pm.response.json().articlesCount).to.eql(1);
        pm.expect(pm.response.json().articles[0].slug).to.eql(pm.collectionVariables.get('slug'));
      });
    `,
  },
  {
    name: 'Unfavorite article',
    method: 'DELETE',
    path: '/api/v1/articles/{{slug}}/favorite',
    auth: 'celebToken',
    test: js`
      pm.test('200, not favorited, count 0', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().article.favorited).to.eql(false);
        pm.expect(pm.response.json().article.favoritesCount).to.eql(0);
      });
    `,
  },
]);

const comments = folder('Comments', [
  {
    name: 'Add comment',
    method: 'POST',
    path: '/api/v1/articles/{{slug}}/comments',
    auth: 'celebToken',
    body: { comment: { body: 'Thank you so much!' } },
    test: js`
      pm.test('201 with the comment', () => {
        pm.response.to.have.status(201);
        const comment = pm.response.json().comment;
        pm.expect(comment).to.have.all.keys('id', 'createdAt', 'updatedAt', 'body', 'author');
        pm.expect(comment.author.username).to.eql(pm.collectionVariables.get('celebUsername'));
      });
      pm.collectionVariables.set('commentId', pm.response.json().comment.id);
    `,
  },
  {
    name: 'List comments',
    method: 'GET',
    path: '/api/v1/articles/{{slug}}/comments',
    test: js`
      pm.test('200 with our comment', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().comments.map((c) => c.id)).to.include(pm.collectionVariables.get('commentId'));
      });
    `,
  },
  {
    name: 'Delete comment as someone else → 403',
    method: 'DELETE',
    path: '/api/v1/articles/{{slug}}/comments/{{commentId}}',
    auth: 'token',
    test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    `,
  },
  {
    name: 'Delete comment',
    method: 'DELETE',
    path: '/api/v1/articles/{{slug}}/comments/{{commentId}}',
    auth: 'celebToken',
    test: js`
      pm.test('204 No Content', () => pm.response.to.have.status(204));
    `,
  },
]);

const notificationsAndMessages = folder('Notifications and direct messages', [
  {
    name: 'The author\'s notifications (the reader followed, favorited, commented)',
    method: 'GET',
    path: '/api/v1/notifications?limit=20',
    auth: 'token',
    test: js`
      pm.test('200, newest first, with a follow by the reader', () => {
        pm.response.to.have.status(200);
        const { notifications, unreadCount } = pm.response.json();
        const follow = notifications.find((n) => n.type === 'follow');
        pm.expect(follow.actor.username).to.eql(pm.collectionVariables.get('celebUsername'));
        pm.expect(unreadCount).to.be.above(0);
        pm.collectionVariables.set('notificationId', follow.id);
      });
    `,
  },
  {
    name: 'Mark one read (PATCH: partial update)',
    method: 'PATCH',
    path: '/api/v1/notifications/{{notificationId}}',
    auth: 'token',
    body: { read: true },
    test: js`
      pm.test('200, read', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().notification.read).to.eql(true);
      });
    `,
  },
  {
    name: 'Mark one read with a string → 422',
    method: 'PATCH',
    path: '/api/v1/notifications/{{notificationId}}',
    auth: 'token',
    body: { read: 'yes' },
    test: js`
      pm.test('422 naming the field', () => {
        pm.response.to.have.status(422);
        pm.expect(pm.response.json().errors).to.have.property('read');
      });
    `,
  },
  {
    name: 'Mark all read',
    method: 'PATCH',
    path: '/api/v1/notifications',
    auth: 'token',
    body: { read: true },
    test: js`
      pm.test('200, nothing unread', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().unreadCount).to.eql(0);
      });
    `,
  },
  {
    name: 'Message someone who does not follow you back → 403',
    method: 'POST',
    path: '/api/v1/conversations/{{username}}/messages',
    auth: 'celebToken',
    body: { message: { body: 'Hello?' } },
    test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    `,
  },
  {
    name: 'The author follows the reader back',
    method: 'POST',
    path: '/api/v1/profiles/{{celebUsername}}/follow',
    auth: 'token',
    test: js`
      pm.test('200 with following true', () => pm.expect(pm.response.json().profile.following).to.eql(true));
    `,
  },
  {
    name: 'Send a direct message',
    method: 'POST',
    path: '/api/v1/conversations/{{username}}/messages',
    auth: 'celebToken',
    body: { message: { body: 'Loved the article!' } },
    test: js`
      pm.test('201 with the message, not yet delivered', () => {
        pm.response.to.have.status(201);
        const message = pm.response.json().message;
        pm.expect(message.from).to.eql(pm.collectionVariables.get('celebUsername'));
        pm.expect(message.to).to.eql(pm.collectionVariables.get('username'));
        pm.expect(message.deliveredAt).to.eql(null);
      });
    `,
  },
  {
    name: 'The author\'s conversations',
    method: 'GET',
    path: '/api/v1/conversations',
    auth: 'token',
    test: js`
      pm.test('200, the reader\'s conversation first', () => {
        pm.response.to.have.status(200);
        const [latest] = pm.response.json().conversations;
        pm.expect(latest.profile.username).to.eql(pm.collectionVariables.get('celebUsername'));
        pm.expect(latest.lastMessage.body).to.eql('Loved the article!');
      });
    `,
  },
  {
    name: 'The conversation with the reader',
    method: 'GET',
    path: '/api/v1/conversations/{{celebUsername}}/messages',
    auth: 'token',
    test: js`
      pm.test('200 with the message', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().messages.map((m) => m.body)).to.include('Loved the article!');
      });
    `,
  },
]);

const files = folder('Files: uploads, downloads, export and import', [
  {
    name: 'Upload my picture (multipart)',
    method: 'PUT',
    path: '/api/v1/user/image',
    auth: 'token',
    form: [{ key: 'image', src: 'files/conduit-logo.png' }],
    test: js`
      pm.test('200: the user, its image now a URL of ours', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().user.image).to.match(/\/api\/v1\/files\/[0-9a-f]{24}$/);
      });
      pm.collectionVariables.set('avatarId', pm.response.json().user.image.split('/').pop());
    `,
  },
  {
    name: 'Download it back',
    method: 'GET',
    path: '/api/v1/files/{{avatarId}}',
    test: js`
      pm.test('200: a WebP, with its ETag and length', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.headers.get('Content-Type')).to.eql('image/webp');
        pm.expect(pm.response.headers.get('X-Content-Type-Options')).to.eql('nosniff');
        pm.expect(Number(pm.response.headers.get('Content-Length'))).to.be.above(100);
      });
      pm.collectionVariables.set('avatarEtag', pm.response.headers.get('ETag'));
    `,
  },
  {
    name: 'Download its first 100 bytes (Range)',
    method: 'GET',
    path: '/api/v1/files/{{avatarId}}',
    headers: { Range: 'bytes=0-99' },
    test: js`
      pm.test('206 with Content-Range', () => {
        pm.response.to.have.status(206);
        pm.expect(pm.response.headers.get('Content-Range')).to.match(/^bytes 0-99\/\d+$/);
        pm.expect(pm.response.stream.length).to.eql(100);
      });
    `,
  },
  {
    name: 'Download it again with its ETag → 304',
    method: 'GET',
    path: '/api/v1/files/{{avatarId}}',
    headers: { 'If-None-Match': '{{avatarEtag}}' },
    test: js`
      pm.test('304 Not Modified', () => pm.response.to.have.status(304));
    `,
  },
  {
    name: 'Attach a picture and a text file to the article',
    method: 'POST',
    path: '/api/v1/articles/{{slug}}/attachments',
    auth: 'token',
    form: [
      { key: 'files', src: 'files/conduit-logo.png' },
      { key: 'files', src: 'files/notes.txt' },
    ],
    test: js`
      pm.test('201 with both, typed from their bytes', () => {
        pm.response.to.have.status(201);
        const types = pm.response.json().attachments.map((a) => a.type);
        pm.expect(types).to.eql(['image/png', 'text/plain']);
      });
      pm.collectionVariables.set('attachmentId', pm.response.json().attachments[1].id);
    `,
  },
  {
    name: 'An executable renamed .png → 415',
    method: 'POST',
    path: '/api/v1/articles/{{slug}}/attachments',
    auth: 'token',
    form: [{ key: 'files', src: 'files/setup-renamed.png' }],
    test: js`
      pm.test('415 in the error shape', () => {
        pm.response.to.have.status(415);
        pm.expect(pm.response.json().code).to.eql('UNSUPPORTED_MEDIA_TYPE');
      });
    `,
  },
  {
    name: 'List the attachments',
    method: 'GET',
    path: '/api/v1/articles/{{slug}}/attachments',
    test: js`
      pm.test('200 with the two files', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().attachments.map((a) => a.name)).to.eql(['conduit-logo.png', 'notes.txt']);
      });
    `,
  },
  {
    name: 'Download the text attachment',
    method: 'GET',
    path: '/api/v1/files/{{attachmentId}}',
    test: js`
      pm.test('200 as a download, with its name', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.headers.get('Content-Disposition')).to.include('attachment; filename="notes.txt"');
        pm.expect(pm.response.text()).to.include('Plain text');
      });
    `,
  },
  {
    name: 'Delete the text attachment',
    method: 'DELETE',
    path: '/api/v1/articles/{{slug}}/attachments/{{attachmentId}}',
    auth: 'token',
    test: js`
      pm.test('204 No Content', () => pm.response.to.have.status(204));
    `,
  },
  {
    name: 'Export my articles as CSV',
    method: 'GET',
    path: '/api/v1/articles/export.csv?author={{username}}',
    test: js`
      pm.test('200 text/csv with a header line and our article', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.headers.get('Content-Type')).to.include('text/csv');
        pm.expect(pm.response.text().split('\n')[0]).to.eql('slug,title,description,body,tagList,author,favoritesCount,createdAt,updatedAt');
        pm.expect(pm.response.text()).to.include(pm.collectionVariables.get('slug'));
      });
    `,
  },
  {
    name: 'Import articles from NDJSON (one bad line)',
    method: 'POST',
    path: '/api/v1/articles/import',
    auth: 'token',
    contentType: 'application/x-ndjson',
    rawBody: [
      JSON.stringify({ title: 'Imported {{$timestamp}}', description: 'd', body: 'b', tagList: ['import'] }),
      JSON.stringify({ title: 'No body' }),
    ].join('\n'),
    test: js`
      pm.test('200: one result per line, then the totals', () => {
        pm.response.to.have.status(200);
        const lines = pm.response.text().trim().split('\n').map((l) => JSON.parse(l));
        pm.expect(lines[0].slug).to.be.a('string');
        pm.expect(lines[1].errors.description).to.eql(['is required']);
        pm.expect(lines[2]).to.eql({ created: 1, failed: 1 });
      });
    `,
  },
]);

const tokens = folder('Tokens (refresh rotation)', [
  {
    name: 'Log in for an access + refresh token',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { user: { email: '{{email}}', password: '{{password}}' } },
    test: js`
      pm.test('200 with a refresh token (body and httpOnly cookie)', () => {
        pm.response.to.have.status(200);
        const json = pm.response.json();
        pm.expect(json.refreshToken).to.be.a('string');
        pm.expect(json.user.token).to.be.a('string');
        pm.expect(pm.response.headers.get('Set-Cookie')).to.include('HttpOnly');
      });
      pm.collectionVariables.set('refreshToken', pm.response.json().refreshToken);
    `,
  },
  {
    name: 'Refresh (rotate)',
    method: 'POST',
    path: '/api/v1/auth/refresh',
    body: { refreshToken: '{{refreshToken}}' },
    test: js`
      pm.test('200 with a new pair', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().refreshToken).to.not.eql(pm.collectionVariables.get('refreshToken'));
      });
      pm.collectionVariables.set('spentRefreshToken', pm.collectionVariables.get('refreshToken'));
      pm.collectionVariables.set('refreshToken', pm.response.json().refreshToken);
      pm.collectionVariables.set('token', pm.response.json().user.token);
    `,
  },
  {
    name: 'Reuse the spent refresh token → 401 (its login is revoked)',
    method: 'POST',
    path: '/api/v1/auth/refresh',
    body: { refreshToken: '{{spentRefreshToken}}' },
    test: js`
      pm.test('401', () => pm.response.to.have.status(401));
    `,
  },
  {
    name: 'The rotated token died with its family → 401',
    method: 'POST',
    path: '/api/v1/auth/refresh',
    body: { refreshToken: '{{refreshToken}}' },
    test: js`
      pm.test('401', () => pm.response.to.have.status(401));
    `,
  },
  {
    name: 'Log in again',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { user: { email: '{{email}}', password: '{{password}}' } },
    test: js`
      pm.test('200', () => pm.response.to.have.status(200));
      pm.collectionVariables.set('refreshToken', pm.response.json().refreshToken);
    `,
  },
  {
    name: 'Log out (this login)',
    method: 'POST',
    path: '/api/v1/auth/logout',
    body: { refreshToken: '{{refreshToken}}' },
    test: js`
      pm.test('204 No Content', () => pm.response.to.have.status(204));
    `,
  },
]);

const accountEmails = folder('Account emails', [
  { name: 'Ask for a verification email', method: 'POST', path: '/api/v1/auth/verify-email/request', auth: 'token', test: js`
      pm.test('202 Accepted', () => pm.response.to.have.status(202));
    ` },
  { name: 'Verification link with a wrong token → 400', method: 'GET', path: '/api/v1/auth/verify-email?token=not-a-real-token', test: js`
      pm.test('400 naming the token', () => {
        pm.response.to.have.status(400);
        pm.expect(pm.response.json().errors.token[0]).to.include('invalid');
      });
    ` },
  { name: 'Forgot password (same answer for any address)', method: 'POST', path: '/api/v1/auth/forgot-password', body: { user: { email: '{{email}}' } }, test: js`
      pm.test('202 Accepted', () => pm.response.to.have.status(202));
    ` },
  { name: 'Reset password with a wrong token → 400', method: 'POST', path: '/api/v1/auth/reset-password', body: { token: 'not-a-real-token', user: { password: 'a-brand-new-password' } }, test: js`
      pm.test('400', () => pm.response.to.have.status(400));
    ` },
]);

const cookieSession = folder('Cookie session (browser style)', [
  {
    name: 'Session login',
    method: 'POST',
    path: '/api/v1/auth/session',
    body: { user: { email: '{{email}}', password: '{{password}}' } },
    test: js`
      pm.test('200 with a CSRF token and an httpOnly session cookie', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().csrfToken).to.be.a('string');
        pm.expect(pm.response.headers.get('Set-Cookie')).to.include('HttpOnly');
      });
      pm.collectionVariables.set('csrfToken', pm.response.json().csrfToken);
    `,
  },
  {
    name: 'Current session (the cookie jar sends the cookie)',
    method: 'GET',
    path: '/api/v1/auth/session',
    test: js`
      pm.test('200 with our user', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().user.username).to.eql(pm.collectionVariables.get('username'));
      });
    `,
  },
  {
    name: 'Log out without the CSRF token → 403',
    method: 'DELETE',
    path: '/api/v1/auth/session',
    test: js`
      pm.test('403 CSRF_INVALID', () => {
        pm.response.to.have.status(403);
        pm.expect(pm.response.json().code).to.eql('CSRF_INVALID');
      });
    `,
  },
  {
    name: 'Log out with the CSRF token',
    method: 'DELETE',
    path: '/api/v1/auth/session',
    headers: { 'X-CSRF-Token': '{{csrfToken}}' },
    test: js`
      pm.test('204 No Content', () => pm.response.to.have.status(204));
    `,
  },
]);

const oidc = folder('OpenID Connect sign-in (needs OIDC_* settings on the server)', [
  { name: 'Start sign-in (302 to the provider, or 404 when none is configured)', method: 'GET', path: '/api/v1/auth/oidc/login', test: js`
      pm.test('302 or 404', () => pm.expect(pm.response.code).to.be.oneOf([302, 404]));
    ` },
  { name: 'Callback without a sign-in in progress → 400', method: 'GET', path: '/api/v1/auth/oidc/callback?code=x&state=y', test: js`
      pm.test('400 in the error shape', () => {
        pm.response.to.have.status(400);
        pm.expect(pm.response.json().code).to.eql('OIDC_NO_LOGIN');
      });
    ` },
]);

const admin = folder('Admin (as a regular user: RBAC says 403)', [
  { name: 'List users → 403', method: 'GET', path: '/api/v1/admin/users?role=user&sort=-createdAt', auth: 'token', test: js`
      pm.test('403 in the error shape', () => {
        pm.response.to.have.status(403);
        pm.expect(pm.response.json().errors.role[0]).to.include('users:read');
      });
    ` },
  { name: 'Change a role → 403', method: 'PUT', path: '/api/v1/admin/users/{{celebUsername}}/role', auth: 'token', body: { role: 'admin' }, test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    ` },
  { name: 'Ban → 403', method: 'POST', path: '/api/v1/admin/users/{{celebUsername}}/ban', auth: 'token', test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    ` },
  { name: 'Unban → 403', method: 'DELETE', path: '/api/v1/admin/users/{{celebUsername}}/ban', auth: 'token', test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    ` },
  { name: 'Audit log → 403', method: 'GET', path: '/api/v1/admin/audit-log', auth: 'token', test: js`
      pm.test('403', () => pm.response.to.have.status(403));
    ` },
]);

const signOut = folder('Sign out everywhere', [
  {
    name: 'Log out everywhere',
    method: 'POST',
    path: '/api/v1/auth/logout-all',
    auth: 'token',
    test: js`
      pm.test('204 No Content', () => pm.response.to.have.status(204));
    `,
  },
  {
    name: 'The old access token is revoked → 401',
    method: 'GET',
    path: '/api/v1/user',
    auth: 'token',
    test: js`
      pm.test('401 TOKEN_REVOKED', () => {
        pm.response.to.have.status(401);
        pm.expect(pm.response.json().code).to.eql('TOKEN_REVOKED');
      });
    `,
  },
]);

const graphql = folder('GraphQL (the same services at /graphql)', [
  {
    name: 'Query: viewer, a page of articles with authors, tags',
    method: 'POST',
    path: '/graphql',
    auth: 'token',
    graphql: {
      query: js`
        query Home($limit: Int) {
          viewer { username email }
          articles(limit: $limit) {
            articlesCount
            articles { slug title favorited favoritesCount author { username following } }
          }
          tags
        }`,
      variables: { limit: 5 },
    },
    test: js`
      pm.test('200 with data and no errors', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().errors).to.eql(undefined);
      });
      const result = pm.response.json().data;
      pm.test('the viewer is the token\'s user', () =>
        pm.expect(result.viewer.username).to.eql(pm.collectionVariables.get('username')));
      pm.test('articles in the RealWorld shape', () => {
        pm.expect(result.articles.articlesCount).to.be.a('number');
        pm.expect(result.tags).to.be.an('array');
      });
    `,
  },
  {
    name: 'Mutation: favorite the article, comment on it',
    method: 'POST',
    path: '/graphql',
    auth: 'token',
    graphql: {
      query: js`
        mutation Engage($slug: String!) {
          favoriteArticle(slug: $slug) { slug favorited favoritesCount }
          addComment(slug: $slug, comment: { body: "Said over GraphQL" }) { id body author { username } }
        }`,
      variables: { slug: '{{slug}}' },
    },
    test: js`
      pm.test('200 with data and no errors', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().errors).to.eql(undefined);
      });
      const result = pm.response.json().data;
      pm.test('favorited', () => pm.expect(result.favoriteArticle.favorited).to.eql(true));
      pm.test('commented', () => pm.expect(result.addComment.body).to.eql('Said over GraphQL'));
    `,
  },
  {
    name: 'Mutation without a token → UNAUTHORIZED in extensions',
    method: 'POST',
    path: '/graphql',
    graphql: { query: 'mutation { favoriteArticle(slug: "{{slug}}") { favorited } }' },
    test: js`
      pm.test('200 with a GraphQL error carrying the project code', () => {
        pm.response.to.have.status(200);
        const error = pm.response.json().errors[0];
        pm.expect(error.extensions.code).to.eql('UNAUTHORIZED');
        pm.expect(error.extensions.status).to.eql(401);
      });
    `,
  },
  {
    name: 'Invalid input → VALIDATION_FAILED with field details',
    method: 'POST',
    path: '/graphql',
    auth: 'token',
    graphql: { query: '{ articles(limit: 1000) { articlesCount } }' },
    test: js`
      pm.test('the REST validation rules, as extensions', () => {
        const error = pm.response.json().errors[0];
        pm.expect(error.extensions.code).to.eql('VALIDATION_FAILED');
        pm.expect(error.extensions.errors.limit).to.be.an('array');
      });
    `,
  },
]);

const tagsAndCleanup = folder('Tags and cleanup', [
  {
    name: 'Tags',
    method: 'GET',
    path: '/api/v1/tags',
    test: js`
      pm.test('200 including our tag', () => {
        pm.response.to.have.status(200);
        pm.expect(pm.response.json().tags).to.include(pm.collectionVariables.get('tag'));
      });
    `,
  },
  {
    name: 'Delete article',
    method: 'DELETE',
    path: '/api/v1/articles/{{slug}}',
    auth: 'token',
    test: js`
      pm.test('204 No Content', () => pm.response.to.have.status(204));
    `,
  },
  {
    name: 'Deleted article → 404',
    method: 'GET',
    path: '/api/v1/articles/{{slug}}',
    test: js`
      pm.test('404 in the error shape', () => {
        pm.response.to.have.status(404);
        pm.expect(pm.response.json().errors.article).to.eql(['not found']);
      });
    `,
  },
  {
    name: 'Malformed JSON → 400',
    method: 'POST',
    path: '/api/v1/users',
    rawBody: '{"user": {',
    test: js`
      pm.test('400 in the error shape', () => {
        pm.response.to.have.status(400);
        pm.expect(pm.response.json().code).to.eql('MALFORMED_JSON');
      });
    `,
  },
]);

type Folder = ReturnType<typeof folder>;
type Operations = Record<string, Record<string, { summary?: string; description?: string }>>;

/**
 * Each request gets its operation's summary and description from the OpenAPI document
 * the app serves: what it does, who may call it, its limits — written once, in the
 * endpoint's spec.
 */
function withDescriptions(folders: Folder[], paths: Operations): Folder[] {
  const operations = Object.entries(paths).map(([template, methods]) => ({
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    methods,
  }));
  return folders.map((f) => ({
    ...f,
    item: f.item.map((i) => {
      const path = `/${i.request.url.path.join('/')}`;
      const op = operations.find((o) => o.pattern.test(path))?.methods[i.request.method.toLowerCase()];
      if (!op) return i;
      const description = [op.summary, op.description].filter(Boolean).join('\n\n');
      return { ...i, request: { ...i.request, description } };
    }),
  }));
}

export function buildCollection(paths: Operations = servedDocument().paths as Operations) {
  return {
    info: {
      name: 'Conduit reference API',
      description:
        'The RealWorld Conduit API, walked through like a person would. Set `baseUrl` in the environment.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: withDescriptions(
      [auth, profiles, articles, favorites, comments, notificationsAndMessages, files, graphql, tagsAndCleanup, tokens, accountEmails, cookieSession, oidc, admin, signOut],
      paths,
    ),
    variable: [
      'csrfToken',
      'refreshToken',
      'spentRefreshToken',
      'username',
      'email',
      'password',
      'token',
      'celebUsername',
      'celebEmail',
      'celebToken',
      'slug',
      'tag',
      'commentId',
      'notificationId',
      'avatarId',
      'avatarEtag',
      'attachmentId',
    ].map((key) => ({ key, value: '' })),
  };
}

export function buildEnvironment() {
  return {
    name: 'Conduit local',
    values: [{ key: 'baseUrl', value: 'http://localhost:3000', type: 'default', enabled: true }],
  };
}
