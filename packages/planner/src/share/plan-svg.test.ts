// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Design } from '../editor/design.ts';
import { indexCatalog } from '../editor/design.ts';
import { roomOf } from '../room/format.ts';
import { catalogItem, rectRoom, TEST_CATALOG } from '../testing/fixtures.ts';
import { planSvg } from './plan-svg.ts';

const catalog = indexCatalog(TEST_CATALOG);
const design = (items: Design['items'], room = rectRoom(500, 400)): Design => ({ room, items });
const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');
const num = (s: string | null) => Number.parseFloat(s ?? 'NaN');

describe('planSvg', () => {
  it('is drawn to the scale it states: its size in mm is its extent in cm × 10 / n', () => {
    const out = planSvg({ design: design([]), catalog, title: 'Living room' });
    expect(out.scale).toBe(50);
    const root = parse(out.svg).documentElement;
    expect(root.getAttribute('width')).toBe(`${out.widthMm}mm`);
    expect(root.getAttribute('height')).toBe(`${out.heightMm}mm`);
    const [, , w, h] = (root.getAttribute('viewBox') ?? '').split(' ').map(Number);
    expect(out.widthMm).toBeCloseTo(((w ?? 0) * 10) / 50, 1);
    expect(out.heightMm).toBeCloseTo(((h ?? 0) * 10) / 50, 1);
    // Fits A4 landscape (277 × 190 mm); at 1:25 its 5 m + margins would be over 190 mm tall.
    expect(out.widthMm).toBeLessThanOrEqual(277);
    expect(out.heightMm).toBeLessThanOrEqual(190);
    expect(out.svg).toContain('Scale 1:50 (A4 landscape)');
  });

  it('picks a smaller scale for a bigger room, and the paper it is given', () => {
    const big = planSvg({ design: design([], rectRoom(2000, 1200)), catalog, title: 'Hall' });
    expect(big.scale).toBe(100);
    expect(big.widthMm).toBeLessThanOrEqual(277);
    const a3 = planSvg({
      design: design([], rectRoom(2000, 1200)),
      catalog,
      title: 'Hall',
      paper: { width: 400, height: 277 },
    });
    expect(a3.scale).toBe(75);
  });

  it('dimensions the room: overall width and depth and every wall, in its unit', () => {
    const room = roomOf(
      [
        { x: 0, y: 0 },
        { x: 600, y: 0 },
        { x: 600, y: 300 },
        { x: 300, y: 300 },
        { x: 300, y: 450 },
        { x: 0, y: 450 },
      ],
      'cm',
    );
    const doc = parse(planSvg({ design: design([], room), catalog, title: 'L' }).svg);
    const texts = [...doc.querySelectorAll('[data-part="dimensions"] text')].map((t) => t.textContent);
    // Six walls plus the overall width and depth.
    expect(texts).toHaveLength(8);
    expect(texts.filter((t) => t === '600 cm')).toHaveLength(2);
    expect(texts).toContain('450 cm');
    expect(texts.filter((t) => t === '150 cm')).toHaveLength(1);
    // The width's dimension line spans the room exactly (1 unit = 1 cm).
    const line = doc.querySelector('[data-part="dimensions"] path')?.getAttribute('d') ?? '';
    const [, x0, x1] = /^M(-?[\d.]+) -?[\d.]+H(-?[\d.]+)/.exec(line) ?? [];
    expect(num(x1 ?? null) - num(x0 ?? null)).toBe(600);
  });

  it('draws every placed piece at its place, angle and size, with its symbol and number', () => {
    const items = [
      { id: 'a', catalog_id: 'sofa', x: 200, y: 100, rotation: 0 },
      { id: 'b', catalog_id: 'chair', x: 100, y: 300, rotation: 90 },
      { id: 'c', catalog_id: 'chair', x: 160, y: 300, rotation: 270 },
      { id: 'd', catalog_id: 'gone', x: 400, y: 300, rotation: 0 },
    ];
    const symbols = new Map([['/v1/catalog/sofa/symbol.svg', 'data:image/svg+xml;base64,PHN2Zy8+']]);
    const out = planSvg({ design: design(items), catalog, title: 'T', symbols });
    const doc = parse(out.svg);
    const pieces = [...doc.querySelectorAll('[data-item]')];
    expect(pieces.map((g) => g.getAttribute('data-item')).sort()).toEqual(['a', 'b', 'c', 'd']);
    const sofa = doc.querySelector('[data-item="a"]')!;
    expect(sofa.getAttribute('transform')).toBe('translate(200 100) rotate(0)');
    const rect = sofa.querySelector('rect')!;
    expect([rect.getAttribute('width'), rect.getAttribute('height')]).toEqual(['228', '95']);
    expect(sofa.querySelector('image')?.getAttribute('href')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(doc.querySelector('[data-item="b"]')?.getAttribute('transform')).toBe(
      'translate(100 300) rotate(90)',
    );
    // Pieces of one item share a number; the legend counts them.
    expect(out.legend.map((e) => [e.number, e.name, e.count])).toEqual([
      [1, 'Halden 3-Seat Sofa', 1],
      [2, 'Tova Dining Chair', 2],
      [3, 'Unknown item', 1],
    ]);
    const numbers = [...doc.querySelectorAll('[data-part="numbers"] text')].map((t) => t.textContent);
    expect(numbers.sort()).toEqual(['1', '2', '2', '3']);
    const legend = [...doc.querySelectorAll('[data-part="legend"] text')].map((t) => t.textContent);
    expect(legend).toEqual([
      '1. Halden 3-Seat Sofa (2.28 m × 0.95 m)',
      '2. Tova Dining Chair (0.45 m × 0.53 m) ×2',
      '3. Unknown item (0.50 m × 0.50 m)',
    ]);
  });

  it('embeds only base64 data: symbols, never a link out of the file', () => {
    const items = [{ id: 'a', catalog_id: 'sofa', x: 200, y: 100, rotation: 0 }];
    const symbols = new Map([
      ['/v1/catalog/sofa/symbol.svg', 'https://evil.example/x.svg" onload="alert(1)'],
    ]);
    const out = planSvg({ design: design(items), catalog, title: 'T', symbols });
    expect(parse(out.svg).querySelector('image')).toBeNull();
    expect(out.svg).not.toContain('evil.example');
  });

  it('escapes catalog, project and item names: no markup gets in', () => {
    const evil = '</title><script>alert(1)</script><foreignObject>&"\'';
    const index = indexCatalog({
      ...TEST_CATALOG,
      items: [catalogItem('x', 100, 50, { name: evil })],
    });
    const items = [{ id: 'i"><script>1</script>', catalog_id: 'x', x: 200, y: 200, rotation: 0 }];
    const out = planSvg({ design: design(items), catalog: index, title: `${evil}\u0000\ud800` });
    expect(out.svg).not.toMatch(/<script|<foreignObject|onload/i);
    const doc = parse(out.svg);
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('script, foreignObject')).toHaveLength(0);
    expect(doc.querySelector('[data-item] title')?.textContent).toBe(evil);
    expect(doc.querySelector('[data-item]')?.getAttribute('data-item')).toBe(items[0]!.id);
    expect(doc.querySelector('svg > title')?.textContent).toBe(evil);
    expect(doc.querySelector('[data-part="legend"] text')?.textContent).toContain(evil);
  });
});
