import { describe, expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { emptyDesign, MAX_ITEMS } from '../editor/design.ts';
import { actionContext, testRoom } from '../testing/action-context.ts';
import { reduceAction, setLaterReducer } from './action-reducer.ts';
import { reduceLater } from './later-reducer.ts';

// As deferred.ts does once the room bar and the plan's gestures have loaded.
setLaterReducer(reduceLater);

const room = testRoom;
const ctx = actionContext;

const withChair = () => addItem(emptyDesign(room), 'chair', { x: 100, y: 100 }, 'c1');

describe('reduceAction', () => {
  it('adds at a drop point snapped to the grid, selects, focuses and announces the piece', () => {
    const out = reduceAction(ctx(), { type: 'add', catalogId: 'chair', at: { x: 103, y: 98 } });
    expect(out.edit?.label).toBe('Add Tova Dining Chair');
    const added = out.edit?.next.items[0];
    expect(added).toMatchObject({ id: 'new1', catalog_id: 'chair' });
    // The chair is 45 × 53: snapping puts its corner, not its centre, on the grid.
    expect(((added?.x ?? 0) - 22.5) % 10).toBe(0);
    expect(out).toMatchObject({ select: 'new1', focus: { item: 'new1' }, closeDrawer: false });
    expect(out.announce).toMatch(/^Added Tova Dining Chair, \d+ cm from the left, \d+ cm from the top\.$/);
  });

  it('adds at the drop point as is when snapping is off, and closes the drawer when narrow', () => {
    const out = reduceAction(ctx(undefined, { snap: false, narrow: true }), {
      type: 'add',
      catalogId: 'chair',
      at: { x: 103, y: 98 },
    });
    expect(out.edit?.next.items[0]).toMatchObject({ x: 103, y: 98 });
    expect(out.closeDrawer).toBe(true);
  });

  it('refuses to add past the item limit, and ignores unknown catalog items', () => {
    let d = emptyDesign(room);
    for (let i = 0; i < MAX_ITEMS; i++) d = addItem(d, 'chair', { x: 50, y: 50 }, `c${i}`);
    expect(reduceAction(ctx(d), { type: 'add', catalogId: 'chair' })).toEqual({
      announce: `The room already holds ${MAX_ITEMS} pieces, the most it can.`,
    });
    expect(reduceAction(ctx(d), { type: 'duplicate', id: 'c0' }).edit).toBeUndefined();
    expect(reduceAction(ctx(), { type: 'add', catalogId: 'nope' })).toEqual({});
  });

  it('moves and announces where, and does nothing for a move to the same place', () => {
    const d = withChair();
    const out = reduceAction(ctx(d), { type: 'move', id: 'c1', x: 200, y: 150 });
    expect(out.edit).toMatchObject({ label: 'Move Tova Dining Chair' });
    expect(out.edit?.coalesceKey).toBeUndefined();
    expect(out.edit?.next.items[0]).toMatchObject({ x: 200, y: 150 });
    expect(out.announce).toBe('Moved Tova Dining Chair, 177.5 cm from the left, 123.5 cm from the top.');
    expect(reduceAction(ctx(d), { type: 'move', id: 'c1', x: 100, y: 100 })).toEqual({});
  });

  it('nudges by a grid step (ten with Shift), or by 1 cm without snapping, as one coalesced edit', () => {
    const d = withChair();
    const step = reduceAction(ctx(d, { snap: false }), {
      type: 'nudge',
      id: 'c1',
      dx: 1,
      dy: 0,
      large: false,
    });
    expect(step.edit?.next.items[0]).toMatchObject({ x: 101, y: 100 });
    expect(step.edit?.coalesceKey).toBe('move:c1');
    const large = reduceAction(ctx(d, { snap: false }), {
      type: 'nudge',
      id: 'c1',
      dx: 0,
      dy: -1,
      large: true,
    });
    expect(large.edit?.next.items[0]).toMatchObject({ x: 100, y: 90 });
    expect(large.announce).toMatch(/^Tova Dining Chair, /);
    expect(reduceAction(ctx(d), { type: 'nudge', id: 'gone', dx: 1, dy: 0, large: false })).toEqual({});
  });

  it('rotates to an angle or by degrees (coalesced) and announces the angle', () => {
    const d = withChair();
    const to = reduceAction(ctx(d), { type: 'rotate', id: 'c1', rotation: 90 });
    expect(to.edit).toMatchObject({ label: 'Rotate Tova Dining Chair' });
    expect(to.edit?.coalesceKey).toBeUndefined();
    expect(to.announce).toBe('Rotated Tova Dining Chair to 90°.');
    const by = reduceAction(ctx(d), { type: 'rotate-by', id: 'c1', degrees: -15 });
    expect(by.edit?.coalesceKey).toBe('rotate:c1');
    expect(by.edit?.next.items[0]?.rotation).toBe(345);
  });

  it('duplicates with a new id and selects the copy', () => {
    const out = reduceAction(ctx(withChair()), { type: 'duplicate', id: 'c1' });
    expect(out.edit?.next.items.map((i) => i.id)).toEqual(['c1', 'new1']);
    expect(out).toMatchObject({
      select: 'new1',
      focus: { item: 'new1' },
      announce: 'Duplicated Tova Dining Chair.',
    });
  });

  it('deletes, moving focus to the next piece (or the plan) and telling how to undo', () => {
    const two = addItem(withChair(), 'sofa', { x: 300, y: 300 }, 's1');
    const first = reduceAction(ctx(two), { type: 'delete', id: 'c1' });
    expect(first).toMatchObject({
      select: null,
      focus: { item: 's1' },
      announce: 'Deleted Tova Dining Chair. Undo with Ctrl+Z.',
    });
    expect(reduceAction(ctx(withChair()), { type: 'delete', id: 'c1' }).focus).toBe('plan');
    expect(reduceAction(ctx(withChair()), { type: 'delete', id: 'gone' })).toEqual({});
  });

  it('resizes the room or switches its unit, each with its own label', () => {
    const size = reduceAction(ctx(), { type: 'room', patch: { width_cm: 600 } });
    expect(size.edit?.label).toBe('Resize the room');
    expect(size.announce).toBe('The room is now 600 cm by 400 cm.');
    const unit = reduceAction(ctx(), { type: 'room', patch: { unit: 'm' } });
    expect(unit).toMatchObject({
      edit: { label: 'Show lengths in metres' },
      announce: 'Show lengths in metres.',
    });
    expect(reduceAction(ctx(), { type: 'room', patch: { width_cm: 500 } })).toEqual({});
  });

  it('selects without an edit, and deselecting returns focus to the plan', () => {
    expect(reduceAction(ctx(), { type: 'select', id: 'c1' })).toEqual({ select: 'c1' });
    expect(reduceAction(ctx(), { type: 'select', id: null })).toEqual({ select: null, focus: 'plan' });
  });

  it('changes snapping and says so', () => {
    expect(reduceAction(ctx(), { type: 'snap', enabled: true, step: 5 })).toEqual({
      snap: { enabled: true, step: 5 },
      announce: 'Snapping to a 5 cm grid.',
    });
    expect(reduceAction(ctx(), { type: 'snap', enabled: false, step: 5 }).announce).toBe('Snapping off.');
  });
});
