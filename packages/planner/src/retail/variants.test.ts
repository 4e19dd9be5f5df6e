import { describe, expect, it } from 'vitest';
import type { ActionContext } from '../components/action-reducer.ts';
import { reduceAction } from '../components/action-reducer.ts';
import {
  type CatalogItem,
  emptyDesign,
  indexCatalog,
  type PlacedItem,
  sanitizeDesign,
} from '../editor/design.ts';
import { priceTotal } from '../editor/price.ts';
import { catalogOf } from '../testing/fixtures.ts';
import { itemColour } from '../view3d/furniture.ts';
import { chooseVariant } from './edit-variant.ts';
import { setVariant, variantGone, variantOf } from './variants.ts';

const chair: CatalogItem = {
  id: 'chair',
  category: 'Seating',
  name: 'Chair',
  description: '',
  width_cm: 45,
  depth_cm: 50,
  height_cm: 80,
  price_cents: 11900,
  currency: 'EUR',
  symbol_url: '/s',
  image_url: null,
  variants: [{ sku: 'chair-black', kind: 'colour', name: 'Black', price_cents: 12900, colour: '#2f2f2f' }],
  sold: true,
};
const catalog = indexCatalog(catalogOf([chair]));
const piece: PlacedItem = { id: 'p1', catalog_id: 'chair', x: 100, y: 100, rotation: 0 };
const design = { ...emptyDesign(), items: [piece] };
const ctx: ActionContext = {
  design,
  catalog,
  snap: false,
  gridStep: 10,
  narrow: false,
  locale: 'en',
  mod: 'Ctrl+',
  newId: () => 'new',
};

describe('a piece’s variant', () => {
  it('is the catalog’s by SKU; one the item no longer has is gone, not another', () => {
    expect(variantOf({ ...piece, variant: 'chair-black' }, chair)?.name).toBe('Black');
    expect(variantOf(piece, chair)).toBeUndefined();
    expect(variantGone({ ...piece, variant: 'chair-red' }, chair)).toBe(true);
    expect(variantGone({ ...piece, variant: 'chair-black' }, chair)).toBe(false);
    expect(variantGone(piece, chair)).toBe(false);
  });

  it('is set and cleared as one edit, and choosing the same one again changes nothing', () => {
    const black = setVariant(design, 'p1', 'chair-black');
    expect(black.items[0]).toEqual({ ...piece, variant: 'chair-black' });
    expect(setVariant(black, 'p1', 'chair-black')).toBe(black);
    const standard = setVariant(black, 'p1', undefined);
    expect(Object.keys(standard.items[0]!)).not.toContain('variant');
    expect(setVariant(design, 'nobody', 'chair-black')).toBe(design);
  });

  it('goes through the reducer as an `apply` action: one undo step, announced with its price', () => {
    const outcome = reduceAction(ctx, { type: 'apply', outcome: chooseVariant('p1', 'chair-black') });
    expect(outcome.edit?.label).toBe('Black Chair');
    expect(outcome.edit?.next.items[0]?.variant).toBe('chair-black');
    expect(outcome.announce).toBe('Chair: Black, €129.00.');
    expect(reduceAction(ctx, { type: 'apply', outcome: chooseVariant('p1', undefined) })).toEqual({});
  });

  it('survives a saved project or draft; a malformed one is dropped, the piece kept', () => {
    const read = sanitizeDesign({
      room: { width_cm: 400, depth_cm: 300, unit: 'cm' },
      items: [
        { ...piece, variant: 'chair-black' },
        { ...piece, id: 'p2', variant: 7 },
        { ...piece, id: 'p3', variant: 'x'.repeat(65) },
        { ...piece, id: 'p4' },
      ],
    });
    expect(read?.items.map((i) => [i.id, i.variant])).toEqual([
      ['p1', 'chair-black'],
      ['p2', undefined],
      ['p3', undefined],
      ['p4', undefined],
    ]);
    expect(Object.keys(read!.items[3]!)).not.toContain('variant');
  });

  it('prices the plan’s total, and colours the 3D piece; a vanished one falls back to the item’s', () => {
    const total = priceTotal(
      [{ ...piece, variant: 'chair-black' }, piece, { ...piece, variant: 'chair-red' }],
      catalog,
    );
    expect(total.byCurrency.get('EUR')).toBe(12900 + 11900 + 11900);
    expect(itemColour(chair, 'chair-black')).toBe(0x2f2f2f);
    expect(itemColour(chair, 'chair-red')).toBe(itemColour(chair));
    expect(itemColour(chair)).not.toBe(0x2f2f2f);
  });
});
