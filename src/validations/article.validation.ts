import Joi from 'joi';
import { pagination, slugParam } from './common';

const title = Joi.string().trim().min(1).max(200);
const description = Joi.string().trim().min(1).max(1000);
const body = Joi.string().trim().min(1).max(50_000);
const tagList = Joi.array().items(Joi.string().trim().min(1).max(40)).max(20);

const bySlug = Joi.object({ slug: slugParam });

export const list = {
  query: Joi.object({
    tag: Joi.string().trim().max(40),
    // Any name: an unknown one simply matches no article.
    author: Joi.string().trim().max(100),
    favorited: Joi.string().trim().max(100),
    ...pagination,
  }),
};

export const feed = { query: Joi.object(pagination) };

export const get = { params: bySlug };

export const create = {
  body: Joi.object({
    article: Joi.object({
      title: title.required(),
      description: description.required(),
      body: body.required(),
      tagList: tagList.default([]),
    }).required(),
  }),
};

export const update = {
  params: bySlug,
  body: Joi.object({
    article: Joi.object({ title, description, body, tagList }).min(1).required(),
  }),
};

export const remove = { params: bySlug };
export const favorite = { params: bySlug };

export const listComments = { params: bySlug };

export const addComment = {
  params: bySlug,
  body: Joi.object({
    comment: Joi.object({ body: Joi.string().trim().min(1).max(5000).required() }).required(),
  }),
};

export const deleteComment = {
  params: Joi.object({ slug: slugParam, id: Joi.string().max(100).required() }),
};
