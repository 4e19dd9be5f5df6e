import { describe, expect, it, vi } from 'vitest';
import { addItem, moveItemBy } from './commands.ts';
import { emptyDesign } from './design.ts';
import { Editor } from './editor.ts';

describe('Editor', () => {
  it('applies edits, tells listeners why, and undoes them', () => {
    const editor = new Editor(emptyDesign());
    const listener = vi.fn();
    editor.subscribe(listener);
    editor.apply('Add chair', (d) => addItem(d, 'chair', { x: 1, y: 1 }, 'c1'));
    expect(editor.design.items).toHaveLength(1);
    expect(listener).toHaveBeenLastCalledWith(editor.design, { kind: 'edit', label: 'Add chair' });
    expect(editor.undo()).toBe('Add chair');
    expect(editor.design.items).toHaveLength(0);
    expect(listener).toHaveBeenLastCalledWith(editor.design, { kind: 'undo', label: 'Add chair' });
    expect(editor.redo()).toBe('Add chair');
    expect(editor.design.items).toHaveLength(1);
  });

  it('records nothing for an edit that changes nothing', () => {
    const editor = new Editor(emptyDesign());
    const listener = vi.fn();
    editor.subscribe(listener);
    expect(editor.apply('Move', (d) => moveItemBy(d, 'missing', 1, 1))).toBe(false);
    expect(editor.canUndo).toBe(false);
    expect(listener).not.toHaveBeenCalled();
    expect(editor.revision).toBe(0);
  });

  it('coalesces nudges of one item into one undo step', () => {
    const editor = new Editor(addItem(emptyDesign(), 'chair', { x: 0, y: 0 }, 'c1'));
    for (let i = 0; i < 5; i++) editor.apply('Move chair', (d) => moveItemBy(d, 'c1', 10, 0), 'move:c1');
    expect(editor.design.items[0]!.x).toBe(50);
    editor.undo();
    expect(editor.design.items[0]!.x).toBe(0);
  });

  it('forgets history on reset', () => {
    const editor = new Editor(emptyDesign());
    editor.apply('Add', (d) => addItem(d, 'chair', { x: 0, y: 0 }));
    editor.reset(emptyDesign());
    expect(editor.canUndo).toBe(false);
    expect(editor.design.items).toHaveLength(0);
  });
});
