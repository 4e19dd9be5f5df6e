import type { CatalogLookup } from '@planner/contract';
import { describe, expect, it } from 'vitest';
import { catalogItem } from '../testing/fixtures.ts';
import { itemName } from './describe.ts';
import { indexCatalog } from './design.ts';
import { unknownCatalogIds, withLookedUp } from './retired-items.ts';

const piece = (id: string, catalog_id: string) => ({ id, catalog_id, x: 0, y: 0, rotation: 0 });

describe('pieces whose item is no longer sold', () => {
  it('are found, looked up in batches of at most 200, and named with the flag', async () => {
    const index = indexCatalog({
      version: 2,
      currency: 'EUR',
      categories: [],
      items: [catalogItem('sofa', 200, 90)],
      total: 1,
      offset: 0,
      next_offset: null,
    });
    const old = Array.from({ length: 250 }, (_, i) => piece(`p${i}`, `old-${i}`));
    const design = { items: [piece('a', 'sofa'), ...old, piece('b', 'old-1')] };
    const ids = unknownCatalogIds(design, index);
    expect(ids).toHaveLength(250);
    const asked: number[] = [];
    const lookup = async (batch: string[]): Promise<CatalogLookup> => {
      asked.push(batch.length);
      return {
        version: 2,
        items: batch
          .filter((id) => id !== 'old-7')
          .map((id) => catalogItem(id, 50, 50, { name: `Old ${id}`, sold: false })),
        missing: batch.filter((id) => id === 'old-7'),
      };
    };
    const full = await withLookedUp(index, ids, lookup);
    expect(asked).toEqual([200, 50]);
    expect(itemName(full.get('old-1'))).toBe('Old old-1 (no longer sold)');
    expect(itemName(full.get('sofa'))).toBe('sofa');
    expect(full.get('old-1')).toMatchObject({ width_cm: 50, sold: false });
    expect(itemName(full.get('old-7'))).toBe('Unknown item');
    expect(await withLookedUp(index, [], lookup)).toBe(index);
  });
});
