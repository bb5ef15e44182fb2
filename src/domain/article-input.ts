/**
 * What makes a valid article, in one place: the body of POST and PUT /api/v1/articles
 * (src/endpoints/article.endpoints.ts), each line of an NDJSON import
 * (src/services/transfer.service.ts), and GraphQL's createArticle and updateArticle.
 */
import Joi from 'joi';

export interface ArticleInput {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

export type ArticleChanges = Partial<ArticleInput>;

const title = Joi.string().trim().min(1).max(200);
const description = Joi.string().trim().min(1).max(1000);
const body = Joi.string().trim().min(1).max(50_000);
const tagList = Joi.array().items(Joi.string().trim().min(1).max(40)).max(20);

/** A new article. */
export const articleInput = Joi.object<ArticleInput>({
  title: title.required(),
  description: description.required(),
  body: body.required(),
  tagList: tagList.default([]),
});

/** Changes to an article: any of its fields, at least one. */
export const articleChanges = Joi.object<ArticleChanges>({ title, description, body, tagList }).min(
  1,
);
