import { CATALOG_LIMITS } from '@planner/contract';
import { describe, expect, it } from 'vitest';
import { CatalogImportError, prepareImport } from './catalog-import.ts';

// Issue 12: variants (colour or material, each with its own SKU, price and colour) are
// checked with the rest of an import; a SKU is unique across items and variants alike.

const item = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  name: `Name ${sku}`,
  category: 'Seating',
  width_cm: 50,
  depth_cm: 50,
  height_cm: 80,
  price_cents: 10000,
  currency: 'EUR',
  ...extra,
});
const variant = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  kind: 'colour',
  name: `Colour ${sku}`,
  price_cents: 12000,
  colour: '#112233',
  ...extra,
});

/** Every problem of a refused import, as `row:field`. */
function problems(input: Parameters<typeof prepareImport>[0]): string[] {
  try {
    prepareImport(input);
  } catch (error) {
    if (error instanceof CatalogImportError) return error.problems.map((p) => `${p.row}:${p.field}`);
    throw error;
  }
  throw new Error('the import was accepted');
}

const CSV_HEAD =
  'sku,name,category,width_cm,depth_cm,height_cm,price_cents,currency,variant_of,variant_kind,variant_name,colour';

describe('prepareImport: variants', () => {
  it('keeps each variant with its own SKU, price and colour (lower-cased), and searches their names', () => {
    const [chair] = prepareImport({
      items: [
        item('chair', {
          variants: [
            variant('chair-black', { colour: '#1A1A1A', name: 'Black' }),
            variant('chair-oak', { kind: 'material', name: 'Oak', colour: undefined, price_cents: 14900 }),
          ],
        }),
      ],
    });
    expect(chair!.variants).toEqual([
      { sku: 'chair-black', kind: 'colour', name: 'Black', price_cents: 12000, colour: '#1a1a1a' },
      { sku: 'chair-oak', kind: 'material', name: 'Oak', price_cents: 14900, colour: null },
    ]);
    expect(chair!.search_text).toContain('Black');
    expect(chair!.search_text).toContain('Oak');
  });

  it('refuses a variant SKU used by another item, another variant or its own item, each where it repeats', () => {
    expect(
      problems({
        items: [
          item('chair', { variants: [variant('chair-black'), variant('chair-black')] }),
          item('chair-black'),
          item('table', { variants: [variant('table'), variant('chair')] }),
        ],
      }),
    ).toEqual(['1:variants[1].sku', '2:sku', '3:variants[0].sku', '3:variants[1].sku']);
  });

  it('names the row the SKU was first used on', () => {
    try {
      prepareImport({ items: [item('a'), item('b', { variants: [variant('a')] })] });
      expect.unreachable();
    } catch (error) {
      expect((error as CatalogImportError).problems).toEqual([
        { row: 2, field: 'variants[0].sku', message: 'SKU a is already used on row 1' },
      ]);
    }
  });

  it('checks every field of a variant, by its path', () => {
    expect(
      problems({
        items: [
          item('a', {
            variants: [
              variant('bad sku'),
              variant('v2', { kind: 'paint' }),
              variant('v3', { name: '' }),
              variant('v4', { price_cents: -1 }),
              variant('v5', { price_cents: 1.5 }),
              variant('v6', { colour: 'red' }),
              { ...variant('v7'), image: 'x' },
            ],
          }),
        ],
      }),
    ).toEqual([
      '1:variants[0].sku',
      '1:variants[1].kind',
      '1:variants[2].name',
      '1:variants[3].price_cents',
      '1:variants[4].price_cents',
      '1:variants[5].colour',
      '1:variants[6]',
    ]);
  });

  it(`refuses more than ${CATALOG_LIMITS.maxVariants} variants on one item`, () => {
    const many = Array.from({ length: CATALOG_LIMITS.maxVariants + 1 }, (_, i) => variant(`v${i}`));
    expect(problems({ items: [item('a', { variants: many })] })).toEqual(['1:variants']);
  });

  it('CSV: a variant’s problems are reported on its own line and column', () => {
    const csv = [
      CSV_HEAD,
      'chair,Chair,Seating,45,53,82,11900,EUR,,,,',
      'chair-black,,,,,,12900,,chair,colour,Black,#111111',
      'chair-black,,,,,,12900,,chair,colour,Black again,#111111',
      'chair-red,,,,,,lots,,chair,colour,Red,#aa0000',
      'chair-pink,,,,,,12900,,chair,colour,Pink,pink',
      'chair-nameless,,,,,,12900,,chair,colour,,#aa0000',
      'table,Table,Tables,120,80,75,30000,EUR,,,,',
      'chair,,,,,,100,,table,material,Oak,',
    ].join('\n');
    expect(problems({ format: 'csv', text: csv })).toEqual([
      '4:sku',
      '5:price_cents',
      '6:colour',
      '7:variant_name',
      '9:sku',
    ]);
  });

  it('CSV: a variant row takes its item’s price when it has none, and must follow its item', () => {
    const [chair] = prepareImport({
      format: 'csv',
      text: [
        CSV_HEAD,
        'chair,Chair,Seating,45,53,82,11900,EUR,,,,',
        'chair-oak,,,,,,,,chair,material,Oak,',
      ].join('\n'),
    });
    expect(chair!.variants).toEqual([
      { sku: 'chair-oak', kind: 'material', name: 'Oak', price_cents: 11900, colour: null },
    ]);
    expect(
      problems({
        format: 'csv',
        text: [
          CSV_HEAD,
          'chair-oak,,,,,,,,chair,material,Oak,',
          'chair,Chair,Seating,45,53,82,11900,EUR,,,,',
        ].join('\n'),
      }),
    ).toEqual(['2:variant_of']);
  });
});
