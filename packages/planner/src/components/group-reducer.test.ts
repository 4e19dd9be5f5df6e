import { describe, expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { type Design, emptyDesign, MAX_ITEMS } from '../editor/design.ts';
import { actionContext, testRoom } from '../testing/action-context.ts';
import { type ActionContext, reduceAction, setLaterReducer } from './action-reducer.ts';
import type { GroupOp } from './actions.ts';
import { reduceGroup } from './group-reducer.ts';
import { reduceLater } from './later-reducer.ts';

const room = testRoom;
const ctx = actionContext;

/** Three chairs in a row, unevenly spaced. */
function chairs(): Design {
  let d = emptyDesign(room);
  d = addItem(d, 'chair', { x: 52.5, y: 106.5 }, 'a');
  d = addItem(d, 'chair', { x: 102.5, y: 126.5 }, 'b');
  d = addItem(d, 'chair', { x: 302.5, y: 206.5 }, 'c');
  return d;
}
const run = (d: Design, op: GroupOp, patch?: Partial<ActionContext>) =>
  reduceGroup(ctx(d, patch), { type: 'group', op });

describe('reduceGroup', () => {
  it('is what reduceAction runs for group actions once registered', () => {
    const d = chairs();
    const action = { type: 'group', op: { kind: 'select', ids: ['a', 'b'] } } as const;
    setLaterReducer(reduceLater);
    expect(reduceAction(ctx(d), action)).toEqual(reduceGroup(ctx(d), action));
  });

  it('selects: the first id is primary, the group lists every piece that exists', () => {
    expect(run(chairs(), { kind: 'select', ids: ['b', 'gone', 'a'] })).toEqual({
      select: 'b',
      group: ['b', 'a'],
      announce: '2 pieces selected.',
    });
    expect(run(chairs(), { kind: 'select', ids: ['c'] })).toEqual({
      select: 'c',
      group: [],
      announce: 'Tova Dining Chair selected.',
    });
    expect(run(chairs(), { kind: 'select', ids: [] })).toEqual({
      select: null,
      group: [],
      announce: 'Nothing selected.',
    });
  });

  it('moves the group as one undo step and says where it is', () => {
    const out = run(chairs(), { kind: 'move', ids: ['a', 'b'], dx: 30, dy: -10 });
    expect(out.edit?.label).toBe('Move 2 pieces');
    expect(out.edit?.next.items.map((i) => [i.x, i.y])).toEqual([
      [82.5, 96.5],
      [132.5, 116.5],
      [302.5, 206.5],
    ]);
    expect(out.announce).toBe('Moved 2 pieces, 60 cm from the left, 70 cm from the top.');
    expect(out.group).toEqual(['a', 'b']);
    expect(run(chairs(), { kind: 'move', ids: ['a', 'b'], dx: 0, dy: 0 })).toEqual({});
  });

  it('nudges by grid steps with the primary on the grid, and coalesces a run of presses', () => {
    const out = run(chairs(), { kind: 'nudge', ids: ['a', 'b'], dx: 1, dy: 0, large: true });
    expect(out.edit?.next.items.slice(0, 2).map((i) => i.x)).toEqual([152.5, 202.5]);
    expect(out.edit?.coalesceKey).toBe('group-move:a,b');
    const off = run(
      chairs(),
      { kind: 'nudge', ids: ['a', 'b'], dx: 0, dy: 1, large: false },
      { snap: false },
    );
    expect(off.edit?.next.items.slice(0, 2).map((i) => i.y)).toEqual([107.5, 127.5]);
  });

  it('rotates together and says which way', () => {
    const out = run(chairs(), { kind: 'rotate', ids: ['a', 'b'], degrees: -90 });
    expect(out.edit?.next.items.slice(0, 2).map((i) => i.rotation)).toEqual([270, 270]);
    expect(out.announce).toBe('Rotated 2 pieces 90° anticlockwise.');
  });

  it('duplicates: the copies become the selection and take focus', () => {
    const out = run(chairs(), { kind: 'duplicate', ids: ['a', 'b'] });
    expect(out.edit?.next.items).toHaveLength(5);
    expect(out).toMatchObject({ select: 'new1', group: ['new1', 'new2'], focus: { item: 'new1' } });
    expect(out.announce).toBe('Duplicated 2 pieces; the copies are selected.');
  });

  it('refuses to duplicate past the item limit, saying why', () => {
    let d = emptyDesign(room);
    for (let i = 0; i < MAX_ITEMS - 1; i++) d = addItem(d, 'chair', { x: 50, y: 50 }, `c${i}`);
    const out = run(d, { kind: 'duplicate', ids: ['c0', 'c1'] });
    expect(out.edit).toBeUndefined();
    expect(out.announce).toMatch(/2 more do not fit\.$/);
  });

  it('deletes the group, clears the selection, focuses the next piece, and says how to undo', () => {
    const out = run(chairs(), { kind: 'delete', ids: ['a', 'b'] });
    expect(out.edit?.next.items.map((i) => i.id)).toEqual(['c']);
    expect(out).toMatchObject({ select: null, group: [], focus: { item: 'c' } });
    expect(out.announce).toBe('Deleted 2 pieces. Undo with Ctrl+Z.');
    expect(run(chairs(), { kind: 'delete', ids: ['a', 'b', 'c'] }).focus).toBe('plan');
  });

  it('aligns, and says so when there is nothing to do', () => {
    const out = run(chairs(), { kind: 'align', ids: ['a', 'b', 'c'], edge: 'top' });
    expect(out.edit?.label).toBe('Align 3 pieces to the top');
    expect(out.edit?.next.items.map((i) => i.y)).toEqual([106.5, 106.5, 106.5]);
    expect(out.announce).toBe('Aligned 3 pieces to the top.');
    const again = run(out.edit!.next, { kind: 'align', ids: ['a', 'b', 'c'], edge: 'top' });
    expect(again).toEqual({ announce: 'The 3 pieces are already aligned to the top.' });
    expect(run(chairs(), { kind: 'align', ids: ['a'], edge: 'top' }).edit).toBeUndefined();
  });

  it('distributes three or more with equal gaps', () => {
    const out = run(chairs(), { kind: 'distribute', ids: ['a', 'b', 'c'], axis: 'x' });
    expect(out.edit?.next.items.map((i) => i.x)).toEqual([52.5, 177.5, 302.5]);
    expect(out.announce).toBe('Distributed 3 pieces horizontally, with equal gaps.');
    expect(run(chairs(), { kind: 'distribute', ids: ['a', 'b'], axis: 'y' })).toEqual({
      announce: 'Select three or more pieces to distribute them.',
    });
  });
});
