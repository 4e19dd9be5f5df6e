import { describe, expect, it } from 'vitest';
import { rectRoom, TEST_CATALOG } from '../testing/fixtures.ts';
import { addItem } from './commands.ts';
import { type Design, emptyDesign, indexCatalog } from './design.ts';
import { findFreeSpot } from './placement.ts';
import { computeWarnings } from './warnings.ts';

const catalog = indexCatalog(TEST_CATALOG);
const item = (id: string) => catalog.get(id)!;

describe('findFreeSpot', () => {
  it('uses the room centre when it is free, with the edges on the grid', () => {
    // The 180 × 90 table centred at (250, 200) would have its top edge at 155: snapped to 160.
    expect(findFreeSpot(emptyDesign(), item('table'), catalog)).toEqual({ x: 250, y: 205 });
    expect(findFreeSpot(emptyDesign(), item('table'), catalog, 5)).toEqual({ x: 250, y: 200 });
  });

  it('finds a free spot next to an item at the centre, inside the room', () => {
    let d: Design = emptyDesign();
    const first = findFreeSpot(d, item('table'), catalog);
    d = addItem(d, 'table', first, 't1');
    const second = findFreeSpot(d, item('table'), catalog);
    expect(second).not.toEqual(first);
    d = addItem(d, 'table', second, 't2');
    expect(computeWarnings(d, catalog).size).toBe(0);
  });

  it('keeps filling the room without overlaps while there is space', () => {
    let d: Design = emptyDesign();
    for (let i = 0; i < 8; i++) d = addItem(d, 'chair', findFreeSpot(d, item('chair'), catalog), `c${i}`);
    expect(computeWarnings(d, catalog).size).toBe(0);
  });

  it('falls back to the centre when the room is full', () => {
    let d: Design = { room: rectRoom(200, 100), items: [] };
    const centre = findFreeSpot(d, item('table'), catalog);
    d = addItem(d, 'table', centre, 't1');
    expect(findFreeSpot(d, item('table'), catalog)).toEqual(centre);
  });

  it('puts rugs in the middle even under furniture', () => {
    const d = addItem(emptyDesign(), 'table', { x: 250, y: 200 }, 't1');
    expect(findFreeSpot(d, item('rug'), catalog)).toEqual({ x: 250, y: 200 });
  });
});
