/**
 * Response schemas of the OpenAPI document (JSON Schema 2020-12, as OpenAPI 3.1 uses),
 * described once and referenced by every operation. `additionalProperties: false` makes
 * the contract test catch a renamed or extra field, not only a missing one.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullableString = { type: ['string', 'null'] };
const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const dateTime = { type: 'string', format: 'date-time', examples: ['2026-11-25T10:00:00.000Z'] };

function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

const articleFields = {
  slug: { type: 'string', examples: ['how-to-train-your-dragon'] },
  title: { type: 'string' },
  description: { type: 'string' },
  body: { type: 'string' },
  tagList: { type: 'array', items: { type: 'string' } },
  createdAt: dateTime,
  updatedAt: dateTime,
  favorited: { type: 'boolean' },
  favoritesCount: { type: 'integer', minimum: 0 },
  author: ref('Profile'),
};
const { body: _body, ...articleListFields } = articleFields;

export const componentSchemas: Record<string, Schema> = {
  User: object({
    email: { type: 'string', format: 'email' },
    token: { type: 'string', description: 'A fresh JWT: send it as `Authorization: Token <jwt>`.' },
    username: { type: 'string' },
    bio: nullableString,
    image: nullableString,
  }),
  Profile: object({
    username: { type: 'string' },
    bio: nullableString,
    image: nullableString,
    following: {
      type: 'boolean',
      description: 'Whether the caller follows this user (false when anonymous).',
    },
  }),
  Article: object(articleFields),
  ArticleInList: { ...object(articleListFields), description: 'An article in a list: no `body`.' },
  Comment: object({
    id: objectId,
    createdAt: dateTime,
    updatedAt: dateTime,
    body: { type: 'string' },
    author: ref('Profile'),
  }),
  UserResponse: object({ user: ref('User') }),
  Attachment: object({
    id: objectId,
    name: { type: 'string', description: 'The uploaded file name, sanitized (metadata only)' },
    size: { type: 'integer', minimum: 0 },
    type: { type: 'string', examples: ['image/png', 'application/pdf'] },
    url: { type: 'string', format: 'uri' },
    thumbnailUrl: {
      type: ['string', 'null'],
      format: 'uri',
      description:
        'A WebP thumbnail (at most 320 px) of an image, made by the worker shortly after the upload; null until then, and for other files',
    },
  }),
  AttachmentsResponse: object({ attachments: { type: 'array', items: ref('Attachment') } }),
  MessageResponse: object({ message: { type: 'string' } }),
  CookieSessionResponse: object({
    user: object({
      email: { type: 'string', format: 'email' },
      username: { type: 'string' },
      bio: nullableString,
      image: nullableString,
    }),
    csrfToken: {
      type: 'string',
      description:
        'Send it as X-CSRF-Token on unsafe requests authenticated by the session cookie.',
    },
  }),
  TokenPairResponse: object({
    user: ref('User'),
    refreshToken: {
      type: 'string',
      description:
        'Opaque; also set as an httpOnly cookie scoped to /api/v1/auth. Single use: /auth/refresh rotates it.',
    },
    refreshTokenExpiresAt: dateTime,
  }),
  AdminUser: object({
    username: { type: 'string' },
    email: { type: 'string', format: 'email' },
    role: { enum: ['user', 'moderator', 'admin'] },
    status: { enum: ['active', 'banned'] },
    emailVerified: { type: 'boolean' },
    createdAt: dateTime,
  }),
  AdminUserResponse: object({ user: ref('AdminUser') }),
  AdminUsersResponse: object({
    users: { type: 'array', items: ref('AdminUser') },
    usersCount: { type: 'integer', minimum: 0 },
  }),
  AuditLogResponse: object({
    entries: {
      type: 'array',
      items: object({
        id: { type: 'string' },
        actor: { type: 'string', description: 'The admin’s username' },
        action: { type: 'string', examples: ['user.role.change', 'user.ban', 'user.unban'] },
        target: { type: 'string', description: 'The affected username' },
        details: { type: 'object' },
        requestId: { type: ['string', 'null'] },
        createdAt: dateTime,
      }),
    },
    entriesCount: { type: 'integer', minimum: 0 },
  }),
  ProfileResponse: object({ profile: ref('Profile') }),
  SingleArticleResponse: object({ article: ref('Article') }),
  MultipleArticlesResponse: object({
    articles: { type: 'array', items: ref('ArticleInList') },
    articlesCount: { type: 'integer', minimum: 0, description: 'All matches, not the page size.' },
  }),
  SingleCommentResponse: object({ comment: ref('Comment') }),
  MultipleCommentsResponse: object({
    comments: { type: 'array', items: ref('Comment') },
    commentsCount: { type: 'integer', minimum: 0, description: 'All comments, not the page size.' },
  }),
  Notification: object({
    id: objectId,
    type: { enum: ['follow', 'favorite', 'comment'] },
    read: { type: 'boolean' },
    createdAt: dateTime,
    actor: object({ username: { type: 'string' }, bio: nullableString, image: nullableString }),
    article: {
      oneOf: [object({ slug: { type: 'string' }, title: { type: 'string' } }), { type: 'null' }],
      description: 'The article concerned (favorite, comment); null for a follow, or once deleted.',
    },
    comment: {
      oneOf: [object({ id: objectId, body: { type: 'string' } }), { type: 'null' }],
      description: 'The comment (type comment); null otherwise, or once deleted.',
    },
  }),
  NotificationsResponse: object({
    notifications: { type: 'array', items: ref('Notification') },
    notificationsCount: {
      type: 'integer',
      minimum: 0,
      description: 'All matches, not the page size.',
    },
    unreadCount: { type: 'integer', minimum: 0 },
  }),
  NotificationResponse: object({ notification: ref('Notification') }),
  MarkAllReadResponse: object({
    updated: { type: 'integer', minimum: 0, description: 'How many were unread until now.' },
    unreadCount: { type: 'integer', minimum: 0 },
  }),
  DirectMessage: object({
    id: objectId,
    from: { type: 'string', description: "The sender's username" },
    to: { type: 'string', description: "The recipient's username" },
    body: { type: 'string' },
    createdAt: dateTime,
    deliveredAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When a socket of the recipient acknowledged it; null until then.',
    },
  }),
  DirectMessageResponse: object({ message: ref('DirectMessage') }),
  DirectMessagesResponse: object({
    messages: { type: 'array', items: ref('DirectMessage') },
    messagesCount: { type: 'integer', minimum: 0 },
  }),
  ConversationsResponse: object({
    conversations: {
      type: 'array',
      items: object({ profile: ref('Profile'), lastMessage: ref('DirectMessage') }),
    },
    conversationsCount: { type: 'integer', minimum: 0 },
  }),
  LiveComment: object({ slug: { type: 'string' }, comment: ref('Comment') }),
  LiveCommentDeleted: object({ slug: { type: 'string' }, commentId: objectId }),
  LiveArticleUpdated: object({
    slug: { type: 'string', description: 'The slug now (join its room to keep following)' },
    previousSlug: { type: 'string' },
  }),
  LiveArticleDeleted: object({ slug: { type: 'string' } }),
  MessageDelivered: object({ id: objectId, deliveredAt: dateTime }),
  EventError: object({
    event: { type: 'string' },
    code: { type: 'string', examples: ['VALIDATION_FAILED', 'RATE_LIMITED'] },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  }),
  TagsResponse: object({ tags: { type: 'array', items: { type: 'string' } } }),
  LiveResponse: object({ status: { const: 'ok' }, uptime: { type: 'integer', minimum: 0 } }),
  ReadyResponse: object({
    status: { const: 'ready' },
    checks: object({ database: { const: 'up' } }),
  }),
  GraphQLRequest: object(
    {
      query: { type: 'string', examples: ['{ tags }'] },
      variables: { type: ['object', 'null'] },
      operationName: { type: ['string', 'null'] },
      extensions: { type: ['object', 'null'] },
    },
    ['variables', 'operationName', 'extensions'],
  ),
  GraphQLResponse: object(
    {
      data: { type: ['object', 'null'] },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['message'],
          properties: {
            message: { type: 'string' },
            locations: {
              type: 'array',
              description: 'Where in the query the error is (GraphQL spec, 7.1.2)',
              items: object({
                line: { type: 'integer', minimum: 1 },
                column: { type: 'integer', minimum: 1 },
              }),
            },
            path: {
              type: 'array',
              description: 'The response field the error belongs to: names and list indexes',
              items: { type: ['string', 'integer'] },
            },
            extensions: {
              type: 'object',
              properties: {
                code: { type: 'string', examples: ['VALIDATION_FAILED', 'FORBIDDEN'] },
                status: { type: 'integer' },
                errors: {
                  type: 'object',
                  additionalProperties: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    ['data', 'errors'],
  ),
  GraphQLBadRequest: { oneOf: [ref('GraphQLResponse'), ref('ErrorResponse')] },
  ErrorResponse: object({
    errors: {
      type: 'object',
      description: 'Field (or `body`) → messages; what RealWorld clients render.',
      additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
      examples: [{ email: ['is already taken'] }],
    },
    code: { type: 'string', examples: ['VALIDATION_FAILED'] },
    requestId: { type: 'string', description: 'Also in X-Request-Id and on every log line' },
  }),
};

/**
 * The component schemas `roots` reference, transitively: each document carries only what
 * it uses (some schemas are the sockets', some the REST API's).
 */
export function schemasReachableFrom(roots: Schema): Record<string, Schema> {
  const found: Record<string, Schema> = {};
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const { $ref } = node as { $ref?: unknown };
    if (typeof $ref === 'string' && $ref.startsWith('#/components/schemas/')) {
      const name = $ref.split('/').pop() ?? '';
      if (!(name in found)) {
        found[name] = componentSchemas[name];
        visit(componentSchemas[name]);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(roots);
  return found;
}
