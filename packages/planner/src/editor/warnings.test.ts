import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogItem, catalogOf, rectRoom } from '../testing/fixtures.ts';
import { type Design, indexCatalog } from './design.ts';
import { computeWarnings, type ItemWarnings, moveWarnings } from './warnings.ts';

const catalog = indexCatalog(
  catalogOf([catalogItem('box', 100, 100), catalogItem('rug', 200, 300, { height_cm: 1 })], ['Test']),
);

const design = (items: Design['items']): Design => ({
  room: rectRoom(500, 400),
  items,
});
const at = (id: string, x: number, y: number, rotation = 0, catalog_id = 'box') => ({
  id,
  catalog_id,
  x,
  y,
  rotation,
});

describe('computeWarnings', () => {
  it('reports nothing for items apart and inside', () => {
    expect(computeWarnings(design([at('a', 100, 100), at('b', 300, 100)]), catalog).size).toBe(0);
  });

  it('reports both items of an overlapping pair', () => {
    const w = computeWarnings(design([at('a', 100, 100), at('b', 150, 100), at('c', 400, 300)]), catalog);
    expect(w.get('a')?.overlaps).toEqual(['b']);
    expect(w.get('b')?.overlaps).toEqual(['a']);
    expect(w.has('c')).toBe(false);
  });

  it('reports an item standing partly outside the room', () => {
    const w = computeWarnings(design([at('a', 480, 100)]), catalog);
    expect(w.get('a')).toEqual({ outside: { fully: false, by_cm: 30 }, overlaps: [], doors: [] });
  });

  it('finds overlaps regardless of the order of the items', () => {
    const w = computeWarnings(design([at('far', 400, 300), at('b', 150, 100), at('a', 100, 100)]), catalog);
    expect(w.get('a')?.overlaps).toEqual(['b']);
  });

  it('lets furniture stand on a rug', () => {
    const w = computeWarnings(design([at('rug', 250, 200, 0, 'rug'), at('a', 250, 200)]), catalog);
    expect(w.size).toBe(0);
  });

  it('still flags a rug sticking out of the room', () => {
    const w = computeWarnings(design([at('rug', 50, 200, 0, 'rug')]), catalog);
    expect(w.get('rug')?.outside).toEqual({ fully: false, by_cm: 50 });
  });

  it('uses rotation: items overlapping only once rotated', () => {
    const long = indexCatalog(catalogOf([catalogItem('bar', 200, 20)], []));
    const items = [at('a', 100, 100, 0, 'bar'), at('b', 100, 180, 0, 'bar')];
    expect(computeWarnings(design(items), long).size).toBe(0);
    const rotated = [at('a', 100, 100, 90, 'bar'), at('b', 100, 180, 0, 'bar')];
    expect(computeWarnings(design(rotated), long).get('a')?.overlaps).toEqual(['b']);
  });
});

describe('computeWarnings in a room of walls', () => {
  it('follows the polygon, says how far out, and flags a door swing (not for a rug)', async () => {
    const { addOpening, templateCorners } = await import('../room/edit.ts');
    const { roomOf } = await import('../room/format.ts');
    const room = addOpening(roomOf(templateCorners('l-shape', 500, 400), 'm'), 'door', 'd1', 0);
    const w = computeWarnings(
      {
        room,
        items: [
          at('in', 100, 300),
          at('notch', 400, 320),
          at('far', 1350, 200),
          at('door', 250, 40),
          at('rug', 250, 90, 0, 'rug'),
        ],
      },
      catalog,
    );
    expect(w.has('in')).toBe(false);
    expect(w.get('notch')?.outside).toEqual({ fully: true, by_cm: 70 });
    expect(w.get('far')?.outside).toEqual({ fully: true, by_cm: 800 });
    expect(w.get('door')?.doors).toEqual(['d1']);
    expect(w.get('rug')?.doors ?? []).toEqual([]);
  });
});

describe('moveWarnings', () => {
  // Overlaps in a fixed order: the sweep and the one-piece pass may list them differently.
  const sorted = (m: ReadonlyMap<string, ItemWarnings>) =>
    new Map([...m].map(([id, w]) => [id, { ...w, overlaps: [...w.overlaps].sort() }]));
  const piece = fc.record({
    x: fc.integer({ min: -100, max: 600 }),
    y: fc.integer({ min: -100, max: 500 }),
    rotation: fc.constantFrom(0, 30, 90, 135),
    rug: fc.boolean(),
  });

  it('equals the warnings of the design with that piece moved, for any design and move', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), piece, fc.nat(), (pieces, to, k) => {
        const items = pieces.map((p, i) => at(`p${i}`, p.x, p.y, p.rotation, p.rug ? 'rug' : 'box'));
        const before = design(items);
        const old = items[k % items.length]!;
        const moved = { ...old, x: to.x, y: to.y, rotation: to.rotation };
        const after = design(items.map((i) => (i.id === moved.id ? moved : i)));
        const got = moveWarnings(computeWarnings(before, catalog), before, moved, catalog);
        expect(sorted(got)).toEqual(sorted(computeWarnings(after, catalog)));
      }),
    );
  });

  it('keeps the entries of the pieces the move does not involve', () => {
    const before = design([at('a', 100, 100), at('b', 150, 100), at('c', 480, 300), at('d', 300, 300)]);
    const base = computeWarnings(before, catalog);
    const got = moveWarnings(base, before, at('d', 320, 300), catalog);
    expect(got.get('c')).toBe(base.get('c'));
    expect(got.get('a')).toBe(base.get('a'));
  });
});
