import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../editor/design.ts';
import { Editor } from '../editor/editor.ts';
import { storedRoom, upgradeRoom } from './format.ts';
import { runRoomEdit } from './room-edits.ts';

describe('runRoomEdit', () => {
  it('applies an edit as one undo step and says what changed', () => {
    const editor = new Editor(emptyDesign());
    expect(runRoomEdit(editor, { kind: 'template', template: 'l-shape' }, 'en')).toBe(
      'The room is now an L-shaped room, 5.00 m by 4.00 m, 15.0 m².',
    );
    expect(editor.design.room.corners).toHaveLength(6);
    expect(runRoomEdit(editor, { kind: 'add-opening', opening: 'door', wall: 0 }, 'en')).toBe(
      'Added. Door, 0.80 m wide, 2.10 m from the start of wall 1, hinged at the start, opening into the room.',
    );
    expect(runRoomEdit(editor, { kind: 'wall-length', index: 0, length: 600 }, 'en')).toBe(
      'Wall 1, 6.00 m. The room is 6.00 m by 4.00 m, 17.0 m².',
    );
    expect(editor.undo()).toBe('Set a wall length');
    expect(editor.design.room.width_cm).toBe(500);
  });

  it('a new template says which doors and windows it kept and which it removed', () => {
    const editor = new Editor(emptyDesign());
    runRoomEdit(editor, { kind: 'add-opening', opening: 'door', wall: 0 }, 'en');
    runRoomEdit(editor, { kind: 'add-opening', opening: 'window', wall: 1 }, 'en');
    runRoomEdit(editor, { kind: 'add-opening', opening: 'window', wall: 1 }, 'en');
    const [, w1, w2] = editor.design.room.openings;
    runRoomEdit(editor, { kind: 'opening', id: w1!.id, patch: { offset_cm: 100 } }, 'en');
    runRoomEdit(editor, { kind: 'opening', id: w2!.id, patch: { offset_cm: 300 } }, 'en');
    expect(runRoomEdit(editor, { kind: 'template', template: 'l-shape' }, 'en')).toBe(
      'The room is now an L-shaped room, 5.00 m by 4.00 m, 15.0 m². Kept 1 door and 1 window on the nearest walls. Removed 1 window that did not fit the new walls (undo brings it back).',
    );
    expect(editor.design.room.openings.map((o) => o.id)).toEqual([
      editor.design.room.openings[0]!.id,
      w1!.id,
    ]);
    editor.undo();
    expect(editor.design.room.openings).toHaveLength(3);
  });

  it('sets the wall height, within 1.80 m to 4 m, and keeps it through later edits and saving', () => {
    const editor = new Editor(emptyDesign());
    expect(runRoomEdit(editor, { kind: 'height', cm: 275 }, 'en')).toBe('Walls are 2.75 m high.');
    expect(runRoomEdit(editor, { kind: 'height', cm: 120 }, 'en')).toBe(
      'Walls are 180 to 400 cm high. Nothing changed.',
    );
    runRoomEdit(editor, { kind: 'corner', index: 2, x: 520, y: 420 }, 'en');
    runRoomEdit(editor, { kind: 'template', template: 'u-shape' }, 'en');
    expect(editor.design.room.wall_height_cm).toBe(275);
    const stored = storedRoom(editor.design.room);
    expect(stored.wall_height_cm).toBe(275);
    expect(upgradeRoom(stored)?.wall_height_cm).toBe(275);
    expect(editor.undo()).toBe('Make the room a U-shaped room');
  });

  it('reads a stored wall height into its range, and stores none when the room has none', () => {
    const room = storedRoom(new Editor(emptyDesign()).design.room);
    expect(JSON.stringify(room)).not.toContain('wall_height_cm');
    expect(upgradeRoom({ ...room, wall_height_cm: 500 })?.wall_height_cm).toBe(400);
    expect(upgradeRoom({ ...room, wall_height_cm: 20 })?.wall_height_cm).toBe(180);
    expect(upgradeRoom({ ...room, wall_height_cm: '260' })?.wall_height_cm).toBeUndefined();
    expect(upgradeRoom({ ...room, wall_height_cm: 260 })?.wall_height_cm).toBe(260);
  });

  it('a refused edit changes nothing and says why', () => {
    const editor = new Editor(emptyDesign());
    const before = editor.design;
    expect(runRoomEdit(editor, { kind: 'corner', index: 0, x: 250, y: 600 }, 'en')).toBe(
      'Walls cannot cross or fold onto each other. Nothing changed.',
    );
    expect(editor.design).toBe(before);
    expect(editor.canUndo).toBe(false);
  });

  it('a run of key presses on one wall is one undo step', () => {
    const editor = new Editor(emptyDesign());
    for (let i = 0; i < 3; i++) runRoomEdit(editor, { kind: 'wall', index: 1, distance: 10 }, 'en', 'wall:1');
    expect(editor.design.room.width_cm).toBe(530);
    editor.undo();
    expect(editor.design.room.width_cm).toBe(500);
  });
});
