import { describe, expect, it } from 'vitest';
import { catalogItem } from '../testing/fixtures.ts';
import { type Design, indexCatalog } from './design.ts';
import { computeWarnings } from './warnings.ts';

const catalog = indexCatalog({
  categories: ['Test'],
  items: [catalogItem('box', 100, 100), catalogItem('rug', 200, 300, { height_cm: 1 })],
});

const design = (items: Design['items']): Design => ({
  room: { width_cm: 500, depth_cm: 400, unit: 'm' },
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
    expect(w.get('a')).toEqual({ outside: true, overlaps: [] });
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
    expect(w.get('rug')?.outside).toBe(true);
  });

  it('uses rotation: items overlapping only once rotated', () => {
    const long = indexCatalog({ categories: [], items: [catalogItem('bar', 200, 20)] });
    const items = [at('a', 100, 100, 0, 'bar'), at('b', 100, 180, 0, 'bar')];
    expect(computeWarnings(design(items), long).size).toBe(0);
    const rotated = [at('a', 100, 100, 90, 'bar'), at('b', 100, 180, 0, 'bar')];
    expect(computeWarnings(design(rotated), long).get('a')?.overlaps).toEqual(['b']);
  });
});
