/**
 * An article's tag list as the RealWorld contract wants it: distinct, sorted alphabetically
 * (clients send ["training", "dragons"] and expect ["dragons", "training"] back).
 */
export function normalizeTagList(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}
