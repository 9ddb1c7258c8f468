// Turning what an agent typed into the HTML a message carries, and back-and-forth helpers for the
// composer's @mentions and the search snippets' «marks».

export interface Mention {
  userId: number;
  name: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Plain text to HTML: everything escaped, line breaks as <br>, and each `@Name` of a mentioned agent
 * as `<span data-mention="<id>">@Name</span>` so the server can notify them.
 */
export function textToHtml(text: string, mentions: readonly Mention[] = []): string {
  let html = escapeHtml(text.replace(/\r\n?/g, '\n'));
  const byName = new Map<string, number>();
  for (const m of mentions) if (m.name.trim()) byName.set(escapeHtml(m.name), m.userId);
  if (byName.size > 0) {
    // Longest first, so "@Asha Verma" wins over "@Asha"; a name ends where no letter or mark follows.
    const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])@(${names.join('|')})(?![\\p{L}\\p{M}\\p{N}_])`, 'gu');
    html = html.replace(pattern, (_, name: string) => `<span data-mention="${byName.get(name)}">@${name}</span>`);
  }
  return html.replace(/\n/g, '<br>');
}

/** The mentions whose `@Name` is still in the text (the agent may have deleted some). */
export function mentionsInText(text: string, mentions: readonly Mention[]): Mention[] {
  const seen = new Set<number>();
  return mentions.filter((m) => {
    if (seen.has(m.userId) || !text.includes(`@${m.name}`)) return false;
    seen.add(m.userId);
    return true;
  });
}

/** The `@query` being typed just before the caret, if any: where its `@` is and what follows it. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  // Names have spaces, but not line breaks, two spaces in a row, or more than a few words.
  if (/\n|\s\s/.test(query) || query.length > 40 || query.split(' ').length > 3) return null;
  return { start: at, query };
}

/** Replaces the `@query` at `start..caret` with `@Name ` and says where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** A search snippet split into plain and «marked» parts. */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const pattern = /«([^»]*)»/g;
  let last = 0;
  for (const match of snippet.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: snippet.slice(last, index), marked: false });
    if (match[1]) parts.push({ text: match[1], marked: true });
    last = index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), marked: false });
  return parts;
}
