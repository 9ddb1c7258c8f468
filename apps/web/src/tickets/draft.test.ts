import { describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_MAX_AGE_MS, type Draft, draftKey, loadDraft, saveDraft } from './draft';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const draft = (over: Partial<Draft> = {}): Draft => ({
  kind: 'note',
  text: 'Checking with @Asha',
  mentions: [{ userId: 1, name: 'Asha' }],
  status: 'pending',
  attachments: [],
  savedAt: 1_000,
  ...over,
});

describe('draft storage', () => {
  it('keeps a draft per ticket and gives it back', () => {
    const store = memoryStorage();
    saveDraft(1042, draft(), store);
    saveDraft(7, draft({ text: 'other', kind: 'reply' }), store);
    expect(loadDraft(1042, 2_000, store)).toEqual(draft());
    expect(loadDraft(7, 2_000, store)?.text).toBe('other');
    expect(loadDraft(8, 2_000, store)).toBeNull();
  });

  it('forgets a draft that became empty, and one cleared after sending', () => {
    const store = memoryStorage();
    saveDraft(1, draft(), store);
    saveDraft(1, draft({ text: '   ' }), store);
    expect(store.map.has(draftKey(1))).toBe(false);
    saveDraft(1, draft(), store);
    clearDraft(1, store);
    expect(loadDraft(1, 2_000, store)).toBeNull();
  });

  it('keeps a draft with only an attachment', () => {
    const store = memoryStorage();
    const file = { id: 3, fileName: 'a.pdf', contentType: 'application/pdf', size: 1, sha256: 'x', url: '/a' };
    saveDraft(1, draft({ text: '', attachments: [file] }), store);
    expect(loadDraft(1, 2_000, store)?.attachments).toEqual([file]);
  });

  it('drops old drafts and ignores what it cannot read', () => {
    const store = memoryStorage();
    saveDraft(1, draft({ savedAt: 0 }), store);
    expect(loadDraft(1, DRAFT_MAX_AGE_MS + 1, store)).toBeNull();
    expect(store.map.has(draftKey(1))).toBe(false);
    store.setItem(draftKey(2), '{not json');
    expect(loadDraft(2, 0, store)).toBeNull();
    store.setItem(draftKey(3), JSON.stringify({ text: 5 }));
    expect(loadDraft(3, 0, store)).toBeNull();
  });

  it('does not fail without storage', () => {
    expect(loadDraft(1, 0, null)).toBeNull();
    expect(() => saveDraft(1, draft(), null)).not.toThrow();
  });
});
