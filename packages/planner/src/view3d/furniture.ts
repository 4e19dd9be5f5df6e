import type { CatalogItem } from '../editor/design.ts';
import { UNKNOWN_SIZE_CM } from '../editor/footprint.ts';

/**
 * One box of a piece's low-poly shape, in the piece's own frame: cm from its centre on the
 * plan (x along its width, y along its depth, y < 0 is its back, as its plan symbol is drawn)
 * and `z` from the floor to the box's bottom.
 */
export interface PartBox {
  x: number;
  y: number;
  z: number;
  w: number;
  d: number;
  h: number;
  /** A secondary shade (cushions, a lamp shade), so parts read apart in flat light. */
  accent?: boolean;
}

/** Pieces without a variant colour: each category has one, chosen to read well on the light floor. */
const CATEGORY_COLOURS: Record<string, number> = {
  Seating: 0x5b7c99,
  Tables: 0xa47551,
  Beds: 0x8c9bab,
  Storage: 0xc9a27e,
  Lighting: 0xe0b84a,
  Kitchen: 0xb8bec4,
  Bathroom: 0xe6edf2,
  Office: 0x6b7280,
  Decor: 0x7a9e7e,
  Outdoor: 0x9b8463,
};
const OTHER_COLOUR = 0x9aa3ad;

/** A piece's colour: its variant's (issue 12) when it has one with a colour, else its category's. */
export function itemColour(item: CatalogItem | undefined, variant?: string): number {
  const own = variant ? item?.variants?.find((v) => v.sku === variant)?.colour : undefined;
  if (own && /^#[\da-f]{6}$/i.test(own)) return Number.parseInt(own.slice(1), 16);
  return (item && CATEGORY_COLOURS[item.category]) ?? OTHER_COLOUR;
}

type Shape = 'sofa' | 'chair' | 'stool' | 'table' | 'bed' | 'lamp' | 'box';

function shapeOf(item: CatalogItem | undefined): Shape {
  if (!item) return 'box';
  const id = item.id;
  if (/sofa|armchair|garden-bench|lounger/.test(id)) return 'sofa';
  if (/stool/.test(id)) return 'stool';
  if (/chair/.test(id)) return 'chair';
  if (/bed|cot/.test(id) && !/bedside/.test(id)) return 'bed';
  if (/lamp|parasol/.test(id)) return 'lamp';
  if (/table|desk/.test(id) && !/lamp/.test(id)) return 'table';
  return 'box';
}

const legs = (w: number, d: number, h: number, size: number): PartBox[] =>
  [-1, 1].flatMap((sx) =>
    [-1, 1].map((sy) => ({
      x: sx * (w / 2 - size / 2),
      y: sy * (d / 2 - size / 2),
      z: 0,
      w: size,
      d: size,
      h,
    })),
  );

/**
 * The boxes a piece is drawn with in 3D: a few per category (a sofa is a seat, a back and two
 * arms; a table a top on four legs; a bed a base and a headboard; a lamp a stem and a shade),
 * otherwise one box. Every shape spans exactly the catalog's width, depth and height.
 */
export function partsOf(item: CatalogItem | undefined): PartBox[] {
  const w = item?.width_cm ?? UNKNOWN_SIZE_CM;
  const d = item?.depth_cm ?? UNKNOWN_SIZE_CM;
  const h = item?.height_cm ?? UNKNOWN_SIZE_CM;
  switch (shapeOf(item)) {
    case 'sofa': {
      const seat = h * 0.5;
      const back = Math.min(d * 0.25, 25);
      const arm = Math.min(w * 0.1, 18);
      return [
        { x: 0, y: back / 2, z: 0, w, d: d - back, h: seat, accent: true },
        { x: 0, y: -d / 2 + back / 2, z: 0, w, d: back, h },
        { x: -w / 2 + arm / 2, y: back / 2, z: seat, w: arm, d: d - back, h: h * 0.2 },
        { x: w / 2 - arm / 2, y: back / 2, z: seat, w: arm, d: d - back, h: h * 0.2 },
      ];
    }
    case 'chair': {
      const seat = h * 0.55;
      const back = Math.min(d * 0.12, 8);
      return [
        ...legs(w, d, seat - 5, 4),
        { x: 0, y: 0, z: seat - 5, w, d, h: 5, accent: true },
        { x: 0, y: -d / 2 + back / 2, z: seat, w, d: back, h: h - seat },
      ];
    }
    case 'stool':
      return [...legs(w, d, h - 5, 4), { x: 0, y: 0, z: h - 5, w, d, h: 5, accent: true }];
    case 'table': {
      const top = Math.min(4, h);
      return [...legs(w, d, h - top, 6), { x: 0, y: 0, z: h - top, w, d, h: top }];
    }
    case 'bed': {
      const base = h * 0.45;
      const head = Math.min(d * 0.05, 10);
      return [
        { x: 0, y: head / 2, z: 0, w, d: d - head, h: base, accent: true },
        { x: 0, y: -d / 2 + head / 2, z: 0, w, d: head, h },
      ];
    }
    case 'lamp': {
      const shade = Math.min(h * 0.25, 40);
      const stem = Math.max(3, Math.min(w, d) * 0.08);
      return [
        { x: 0, y: 0, z: 0, w: stem, d: stem, h: h - shade },
        { x: 0, y: 0, z: h - shade, w, d, h: shade, accent: true },
      ];
    }
    default:
      return [{ x: 0, y: 0, z: 0, w, d, h }];
  }
}
