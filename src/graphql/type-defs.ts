/**
 * The GraphQL schema in SDL. Types mirror the RealWorld JSON of the REST API field for
 * field (the same presenters produce both); docs/schema.graphql is this schema printed,
 * and a test keeps the two equal.
 */
export const typeDefs = /* GraphQL */ `
  "The signed-in user, with a fresh token (RealWorld's User)."
  type User {
    email: String!
    token: String!
    username: String!
    bio: String
    image: String
  }

  "A user as the viewer sees them."
  type Profile {
    username: String!
    bio: String
    image: String
    "Whether the viewer follows this user (false when anonymous)."
    following: Boolean!
  }

  type Article {
    slug: String!
    title: String!
    description: String!
    body: String!
    tagList: [String!]!
    "ISO 8601"
    createdAt: String!
    "ISO 8601"
    updatedAt: String!
    favorited: Boolean!
    favoritesCount: Int!
    author: Profile!
    "Newest first."
    comments(limit: Int = 100, offset: Int = 0): [Comment!]!
  }

  type ArticlePage {
    articles: [Article!]!
    "All matches, not only this page."
    articlesCount: Int!
  }

  type Comment {
    id: ID!
    createdAt: String!
    updatedAt: String!
    body: String!
    author: Profile!
  }

  type Query {
    "The signed-in user; null when anonymous."
    viewer: User
    profile(username: String!): Profile
    article(slug: String!): Article
    "Newest first; the filters combine."
    articles(
      tag: String
      author: String
      favorited: String
      limit: Int = 20
      offset: Int = 0
    ): ArticlePage!
    "Articles by authors the viewer follows (sign-in required)."
    feed(limit: Int = 20, offset: Int = 0): ArticlePage!
    comments(slug: String!, limit: Int = 100, offset: Int = 0): [Comment!]!
    tags: [String!]!
  }

  input RegisterInput {
    username: String!
    email: String!
    password: String!
  }

  input LoginInput {
    email: String!
    password: String!
  }

  input NewArticleInput {
    title: String!
    description: String!
    body: String!
    tagList: [String!]
  }

  input ArticleChangesInput {
    title: String
    description: String
    body: String
    tagList: [String!]
  }

  input NewCommentInput {
    body: String!
  }

  type Mutation {
    register(user: RegisterInput!): User!
    login(user: LoginInput!): User!
    createArticle(article: NewArticleInput!): Article!
    updateArticle(slug: String!, article: ArticleChangesInput!): Article!
    "True once deleted."
    deleteArticle(slug: String!): Boolean!
    favoriteArticle(slug: String!): Article!
    unfavoriteArticle(slug: String!): Article!
    followUser(username: String!): Profile!
    unfollowUser(username: String!): Profile!
    addComment(slug: String!, comment: NewCommentInput!): Comment!
    "True once deleted."
    deleteComment(slug: String!, id: ID!): Boolean!
  }
`;
