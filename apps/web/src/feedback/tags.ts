// The themes staff give an answer's comment: the limits the server checks, applied while typing.
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 80;

/** Tags as typed: trimmed, each at most 80 characters, no repeats, at most 20. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().slice(0, MAX_TAG_LENGTH);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, MAX_TAGS);
}
