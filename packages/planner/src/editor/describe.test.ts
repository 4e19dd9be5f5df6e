import { describe, expect, it } from 'vitest';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { describeItem, describeWarnings, formatAngle } from './describe.ts';
import { indexCatalog } from './design.ts';
import { footprint } from './footprint.ts';
import { formatLength } from './units.ts';

const catalog = indexCatalog(TEST_CATALOG);
const names: Record<string, string> = {
  c1: 'Tova Dining Chair',
  c2: 'Chair two',
  c3: 'Chair three',
  c4: 'Four',
};
const nameOf = (id: string) => names[id] ?? id;

describe('describeItem', () => {
  it('says name, size, distance from the walls and rotation', () => {
    const item = { id: 's', catalog_id: 'sofa', x: 214, y: 97.5, rotation: 0 };
    const f = footprint(item, catalog);
    expect(
      describeItem({
        item,
        catalogItem: f.catalogItem,
        box: f.box,
        warnings: undefined,
        nameOf,
        unit: 'm',
        locale: 'en',
      }),
    ).toBe(
      'Halden 3-Seat Sofa, 2.28 m by 0.95 m, 1.00 m from the left wall, 0.50 m from the top wall, rotated 0°.',
    );
  });

  it('adds the warnings', () => {
    const item = { id: 's', catalog_id: 'sofa', x: 214, y: 97.5, rotation: 90 };
    const f = footprint(item, catalog);
    const text = describeItem({
      item,
      catalogItem: f.catalogItem,
      box: f.box,
      warnings: { outside: { fully: false, by_cm: 12 }, overlaps: ['c1'], doors: [] },
      nameOf,
      unit: 'cm',
      locale: 'en',
    });
    expect(text).toContain('rotated 90°');
    expect(text).toContain(
      'Warning: overlaps Tova Dining Chair; partly outside the room, 12 cm past the wall.',
    );
  });

  it('names an item missing from the catalog', () => {
    const item = { id: 'x', catalog_id: 'gone', x: 25, y: 25, rotation: 0 };
    const f = footprint(item, catalog);
    expect(
      describeItem({
        item,
        catalogItem: undefined,
        box: f.box,
        warnings: undefined,
        nameOf,
        unit: 'cm',
        locale: 'en',
      }),
    ).toMatch(/^Unknown item, 0 cm from the left wall/);
  });
});

describe('describeWarnings', () => {
  const len = (cm: number) => formatLength(cm, 'm', 'en');
  it('shortens long overlap lists', () => {
    expect(
      describeWarnings({ outside: null, overlaps: ['c1', 'c2', 'c3', 'c4'], doors: [] }, nameOf, len),
    ).toBe('overlaps Tova Dining Chair, Chair two and 2 more');
    expect(describeWarnings(undefined, nameOf, len)).toBe('');
  });

  it('says how far outside a piece is, and when it is fully out (issue 11: 8 m away was "partly")', () => {
    const far = { outside: { fully: true, by_cm: 800 }, overlaps: [], doors: [] };
    expect(describeWarnings(far, nameOf, len)).toBe('fully outside the room, 8.00 m away from it');
    const door = { outside: null, overlaps: [], doors: ['d1'] };
    expect(describeWarnings(door, nameOf, len)).toBe("in a door's swing");
  });
});

describe('formatAngle', () => {
  it('shows at most one decimal', () => {
    expect(formatAngle(12.345, 'en')).toBe('12.3°');
  });
});
