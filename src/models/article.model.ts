import { Schema, model, type Types } from 'mongoose';

const articleSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, required: true, trim: true },
    body: { type: String, required: true },
    tagList: { type: [String], default: [] },
    author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);

// Every list query is newest first, optionally narrowed by author or tag.
articleSchema.index({ createdAt: -1 });
articleSchema.index({ author: 1, createdAt: -1 });
articleSchema.index({ tagList: 1, createdAt: -1 });

export interface ArticleDoc {
  _id: Types.ObjectId;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  author: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const Article = model('Article', articleSchema);
