import { randomBytes } from 'node:crypto';
import slugify from 'slugify';

/** A URL-safe slug from a title: "How to Train Your Dragon!" → "how-to-train-your-dragon". */
export function slugFromTitle(title: string): string {
  const slug = slugify(title, { lower: true, strict: true, trim: true })
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** The slug with a short random suffix, for when the plain slug is taken. */
export function uniqueSlugVariant(slug: string): string {
  return `${slug}-${randomBytes(4).toString('hex')}`;
}
