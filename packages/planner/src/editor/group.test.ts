import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogItem, catalogOf, rectRoom } from '../testing/fixtures.ts';
import { addItem } from './commands.ts';
import { type Design, emptyDesign, indexCatalog, MAX_ITEMS, type PlacedItem } from './design.ts';
import { footprint } from './footprint.ts';
import {
  type AlignEdge,
  alignGroup,
  distributeGroup,
  duplicateGroup,
  groupBox,
  moveGroup,
  piecesIn,
  piecesOf,
  removeGroup,
  rotateGroup,
  toggleInSelection,
} from './group.ts';

const catalog = indexCatalog(
  catalogOf([catalogItem('a', 80, 40), catalogItem('b', 120, 60), catalogItem('c', 45, 45)]),
);

/** Coordinates are kept to a tenth of a centimetre, so a computed place may be 0.05 cm off. */
const ROUND = 0.11;

function designOf(pieces: { x: number; y: number; rotation?: number; kind?: string }[]): Design {
  let d = emptyDesign(rectRoom(1000, 800));
  pieces.forEach((p, i) => {
    d = addItem(d, p.kind ?? 'abc'[i % 3]!, p, `p${i}`);
  });
  return d;
}
const ids = (d: Design) => d.items.map((i) => i.id);
const box = (d: Design, id: string) => footprint(d.items.find((i) => i.id === id)!, catalog).box;

const piece = fc.record({
  x: fc.integer({ min: 0, max: 1000 }),
  y: fc.integer({ min: 0, max: 800 }),
  rotation: fc.constantFrom(0, 90, 45, 180, 270, 30),
});
const pieces = (min: number) => fc.array(piece, { minLength: min, maxLength: 8 });

describe('group edits', () => {
  it('moves every selected piece by the same offset and leaves the others', () => {
    fc.assert(
      fc.property(
        pieces(2),
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: -300, max: 300 }),
        (ps, dx, dy) => {
          const d = designOf(ps);
          const chosen = ids(d).slice(1);
          const next = moveGroup(d, chosen, dx, dy);
          d.items.forEach((before, i) => {
            const after = next.items[i]!;
            const moved = chosen.includes(before.id);
            expect(after.x).toBeCloseTo(before.x + (moved ? dx : 0), 5);
            expect(after.y).toBeCloseTo(before.y + (moved ? dy : 0), 5);
            expect(after.rotation).toBe(before.rotation);
          });
          if (dx === 0 && dy === 0) expect(next).toBe(d);
        },
      ),
    );
  });

  it('turns the arrangement as one: a quarter turn four times brings it back, the box keeps its centre', () => {
    fc.assert(
      fc.property(pieces(2), (ps) => {
        const d = designOf(ps);
        const all = ids(d);
        const before = groupBox(d.items, catalog)!;
        const once = rotateGroup(d, all, catalog, 90);
        const after = groupBox(once.items, catalog)!;
        // A quarter turn swaps the box's sides about the same centre.
        expect((after.minX + after.maxX) / 2).toBeCloseTo((before.minX + before.maxX) / 2, 0);
        expect((after.minY + after.maxY) / 2).toBeCloseTo((before.minY + before.maxY) / 2, 0);
        expect(after.maxX - after.minX).toBeCloseTo(before.maxY - before.minY, 0);
        let back = once;
        for (let i = 0; i < 3; i++) back = rotateGroup(back, all, catalog, 90);
        back.items.forEach((p, i) => {
          const o = d.items[i]!;
          expect(Math.abs(p.x - o.x)).toBeLessThan(0.5);
          expect(Math.abs(p.y - o.y)).toBeLessThan(0.5);
          expect(p.rotation).toBe(o.rotation);
        });
      }),
    );
  });

  it('rotates positions clockwise on screen (y down) and turns each piece', () => {
    // Two chairs side by side, left and right of x = 150: a quarter turn puts them above and below.
    const d = designOf([
      { x: 100, y: 200, kind: 'c' },
      { x: 200, y: 200, kind: 'c' },
    ]);
    const next = rotateGroup(d, ids(d), catalog, 90);
    expect(next.items.map(({ x, y, rotation }) => ({ x, y, rotation }))).toEqual([
      { x: 150, y: 150, rotation: 90 },
      { x: 150, y: 250, rotation: 90 },
    ]);
  });

  const EDGES: AlignEdge[] = ['left', 'right', 'top', 'bottom', 'centre-x', 'centre-y'];
  it('aligns every box to the group edge or centre line, moving only along that axis', () => {
    fc.assert(
      fc.property(pieces(2), fc.constantFrom(...EDGES), (ps, edge) => {
        const d = designOf(ps);
        const all = ids(d);
        const g = groupBox(d.items, catalog)!;
        const next = alignGroup(d, all, catalog, edge);
        const horizontal = edge === 'left' || edge === 'right' || edge === 'centre-x';
        for (const id of all) {
          const b = box(next, id);
          const want = {
            left: [b.minX, g.minX],
            right: [b.maxX, g.maxX],
            top: [b.minY, g.minY],
            bottom: [b.maxY, g.maxY],
            'centre-x': [(b.minX + b.maxX) / 2, (g.minX + g.maxX) / 2],
            'centre-y': [(b.minY + b.maxY) / 2, (g.minY + g.maxY) / 2],
          }[edge];
          expect(Math.abs(want[0]! - want[1]!)).toBeLessThan(ROUND);
          const o = box(d, id);
          if (horizontal) expect(b.minY).toBe(o.minY);
          else expect(b.minX).toBe(o.minX);
        }
        // Aligned twice is aligned once (to the tenth of a centimetre coordinates are kept to).
        alignGroup(next, all, catalog, edge).items.forEach((p, i) => {
          expect(Math.abs(p.x - next.items[i]!.x)).toBeLessThan(ROUND);
          expect(Math.abs(p.y - next.items[i]!.y)).toBeLessThan(ROUND);
        });
      }),
    );
  });

  it('distributes: the outer pieces stay, the gaps between neighbours become equal', () => {
    fc.assert(
      fc.property(pieces(3), fc.constantFrom('x' as const, 'y' as const), (ps, axis) => {
        const d = designOf(ps);
        const all = ids(d);
        const [lo, hi] = axis === 'x' ? (['minX', 'maxX'] as const) : (['minY', 'maxY'] as const);
        // The same sum as distributeGroup's: (a − b) − c is not a − (b + c) in floating point, and
        // two pieces with one centre must tie here as they do there.
        const centre2 = (id: string) => box(d, id)[lo] + box(d, id)[hi];
        const order = [...all].sort((a, b) => centre2(a) - centre2(b));
        const next = distributeGroup(d, all, catalog, axis);
        const find = (x: Design, id: string) => x.items.find((i) => i.id === id)!;
        expect(find(next, order[0]!)).toEqual(find(d, order[0]!));
        expect(find(next, order.at(-1)!)).toEqual(find(d, order.at(-1)!));
        const gaps = order.slice(1).map((id, i) => box(next, id)[lo] - box(next, order[i]!)[hi]);
        for (const gap of gaps) expect(Math.abs(gap - gaps[0]!)).toBeLessThan(2 * ROUND);
        // Only along the axis.
        const other = axis === 'x' ? 'y' : 'x';
        for (const id of all) expect(find(next, id)[other]).toBe(find(d, id)[other]);
      }),
    );
  });

  it('distributes nothing with fewer than three pieces', () => {
    const d = designOf([
      { x: 100, y: 100 },
      { x: 500, y: 300 },
    ]);
    expect(distributeGroup(d, ids(d), catalog, 'x')).toBe(d);
  });

  it('duplicates keeping the arrangement, each copy after its original, ids in selection order', () => {
    const d = designOf([
      { x: 100, y: 100 },
      { x: 300, y: 150 },
      { x: 900, y: 700 },
    ]);
    let n = 0;
    const { design, copies } = duplicateGroup(d, ['p1', 'p0'], catalog, () => `copy${n++}`);
    expect(copies).toEqual(['copy0', 'copy1']);
    expect(ids(design)).toEqual(['p0', 'copy1', 'p1', 'copy0', 'p2']);
    const a = design.items.find((i) => i.id === 'copy1')!;
    const b = design.items.find((i) => i.id === 'copy0')!;
    // Same offset for both, so the arrangement is kept; beside the group (it fits on the right).
    const g = groupBox(piecesOf(d, ['p0', 'p1']), catalog)!;
    expect(a.x - 100).toBeCloseTo(g.maxX - g.minX, 5);
    expect(b.x - a.x).toBe(200);
    expect(b.y - a.y).toBe(50);
  });

  it('duplicates nothing when the copies would not fit in the project', () => {
    let d = designOf([]);
    for (let i = 0; i < MAX_ITEMS - 1; i++) d = addItem(d, 'c', { x: 10, y: 10 }, `x${i}`);
    const { design, copies } = duplicateGroup(d, ['x0', 'x1'], catalog, () => 'n');
    expect(design).toBe(d);
    expect(copies).toEqual([]);
  });

  it('removes the selected pieces only, and ignores ids that are gone', () => {
    const d = designOf([
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ]);
    expect(ids(removeGroup(d, ['p0', 'p2', 'gone']))).toEqual(['p1']);
    expect(removeGroup(d, ['gone'])).toBe(d);
    expect(piecesOf(d, ['p2', 'gone', 'p0', 'p2']).map((p: PlacedItem) => p.id)).toEqual(['p2', 'p0']);
  });

  it('finds the pieces a marquee touches', () => {
    const d = designOf([
      { x: 100, y: 100, kind: 'c' },
      { x: 300, y: 100, kind: 'c' },
      { x: 600, y: 600, kind: 'c' },
    ]);
    // The chairs are 45 cm: the box reaches into the second one's footprint only.
    expect(piecesIn(d, catalog, { minX: 50, minY: 50, maxX: 290, maxY: 150 })).toEqual(['p0', 'p1']);
    expect(piecesIn(d, catalog, { minX: 400, minY: 0, maxX: 500, maxY: 800 })).toEqual([]);
  });

  it('toggles an id in and out of a selection, the first staying primary', () => {
    expect(toggleInSelection(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleInSelection(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleInSelection([], 'a')).toEqual(['a']);
  });
});
