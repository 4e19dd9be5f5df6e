import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDesign } from '../editor/design.ts';
import { MemoryStorage } from '../testing/fake-services.ts';
import { type Draft, parseDraft } from './draft.ts';
import { DraftShelf, DraftStore } from './draft-store.ts';

const KEY = 'planner:draft:v1:https://planner.test';
const draft = (name: string, dirty = true): Draft => ({
  v: 1,
  savedAt: '',
  project: { id: null, etag: null, version: null, name, ownerId: null },
  design: emptyDesign(),
  dirty,
  pendingSave: null,
});

describe('DraftStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes and loads a draft under its key, stamped with the time', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ storage, key: KEY });
    expect(store.write(draft('Kitchen'))).toBe(true);
    const loaded = new DraftStore({ storage, key: KEY }).load();
    expect(loaded?.project.name).toBe('Kitchen');
    expect(Date.parse(loaded!.savedAt)).not.toBeNaN();
    expect(new DraftStore({ storage, key: `${KEY}-other` }).load()).toBeNull();
  });

  it('debounces scheduled writes and writes the newest state', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ storage, key: KEY, debounceMs: 300 });
    let name = 'one';
    store.schedule(() => draft(name));
    name = 'two';
    store.schedule(() => draft(name));
    expect(storage.getItem(KEY)).toBeNull();
    vi.advanceTimersByTime(299);
    expect(storage.getItem(KEY)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(parseDraft(storage.getItem(KEY))?.project.name).toBe('two');
  });

  it('flushes a scheduled write at once', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ storage, key: KEY });
    store.schedule(() => draft('now'));
    store.flush();
    expect(parseDraft(storage.getItem(KEY))?.project.name).toBe('now');
  });

  it('an immediate write replaces a scheduled one', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ storage, key: KEY });
    store.schedule(() => draft('stale'));
    store.write(draft('saved', false));
    vi.runAllTimers();
    expect(parseDraft(storage.getItem(KEY))).toMatchObject({ project: { name: 'saved' }, dirty: false });
  });

  it('keeps the draft in memory when storage refuses writes, and says so', () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const store = new DraftStore({ storage, key: KEY });
    expect(store.write(draft('kept'))).toBe(false);
    expect(store.persistent).toBe(false);
    expect(store.load()?.project.name).toBe('kept');
  });

  it('works without any storage', () => {
    const store = new DraftStore({ storage: null, key: KEY });
    expect(store.persistent).toBe(false);
    store.write(draft('memory'));
    expect(store.load()?.project.name).toBe('memory');
  });

  it('clears the stored draft', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore({ storage, key: KEY });
    store.write(draft('x'));
    store.clear();
    expect(storage.getItem(KEY)).toBeNull();
    expect(store.load()).toBeNull();
  });
});

describe('DraftShelf', () => {
  const PREFIX = 'planner:draft:v1:https://planner.test';

  it("keeps each owner's draft apart, and nobody's draft only in memory", () => {
    const storage = new MemoryStorage();
    const shelf = new DraftShelf({ storage, prefix: PREFIX });
    shelf.for('user:le1:ada').write(draft('Ada lounge'));
    shelf.for('visitor:le1').write(draft('Visitor den'));
    expect(shelf.for('user:le1:ada').load()?.project.name).toBe('Ada lounge');
    expect(shelf.for('visitor:le1').load()?.project.name).toBe('Visitor den');
    expect(shelf.for('user:le1:ben').load()).toBeNull();
    expect(shelf.for('user:le2:ada').load()).toBeNull();

    const nobody = shelf.for(null);
    nobody.write(draft('Before the token'));
    expect(nobody.load()?.project.name).toBe('Before the token');
    expect(shelf.for(null).load()).toBeNull();
    expect(storage.length).toBe(2);
  });

  it('removes the draft kept before drafts had owners: nobody can tell whose it was', () => {
    const storage = new MemoryStorage();
    storage.setItem(PREFIX, JSON.stringify(draft('Ada lounge')));
    const shelf = new DraftShelf({ storage, prefix: PREFIX });
    expect(storage.getItem(PREFIX)).toBeNull();
    expect(shelf.for('visitor:le1').load()).toBeNull();
  });
});
