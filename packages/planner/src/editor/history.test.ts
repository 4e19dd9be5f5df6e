import { describe, expect, it } from 'vitest';
import { History } from './history.ts';

describe('History', () => {
  it('undoes and redoes in order', () => {
    const h = new History<number>();
    h.record(0, 1, 'one');
    h.record(1, 2, 'two');
    expect(h.undo()?.before).toBe(1);
    expect(h.undo()?.before).toBe(0);
    expect(h.undo()).toBeUndefined();
    expect(h.redo()?.after).toBe(1);
    expect(h.redo()?.after).toBe(2);
    expect(h.canRedo).toBe(false);
  });

  it('drops the redo stack on a new edit', () => {
    const h = new History<number>();
    h.record(0, 1, 'one');
    h.undo();
    h.record(0, 5, 'five');
    expect(h.canRedo).toBe(false);
    expect(h.undoLabel).toBe('five');
  });

  it('merges consecutive edits with the same key within the window', () => {
    let now = 0;
    const h = new History<number>({ now: () => now, coalesceMs: 1000 });
    h.record(0, 1, 'move', 'move:a');
    now = 500;
    h.record(1, 2, 'move', 'move:a');
    now = 900;
    h.record(2, 3, 'move', 'move:a');
    expect(h.undo()).toMatchObject({ before: 0, after: 3 });
    expect(h.canUndo).toBe(false);
  });

  it('does not merge after the window, across keys, or after an undo', () => {
    let now = 0;
    const h = new History<number>({ now: () => now, coalesceMs: 1000 });
    h.record(0, 1, 'a', 'k');
    now = 2000;
    h.record(1, 2, 'a', 'k');
    h.record(2, 3, 'b', 'other');
    expect(h.undo()?.before).toBe(2);
    expect(h.undo()?.before).toBe(1);
    h.redo();
    h.record(2, 9, 'a', 'k');
    expect(h.undo()?.before).toBe(2);
  });

  it('forgets the oldest entries beyond the limit', () => {
    const h = new History<number>({ limit: 2 });
    h.record(0, 1, 'a');
    h.record(1, 2, 'b');
    h.record(2, 3, 'c');
    h.undo();
    h.undo();
    expect(h.canUndo).toBe(false);
  });
});
