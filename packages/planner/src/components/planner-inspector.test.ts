// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type CatalogIndex, emptyDesign, indexCatalog, type PlacedItem } from '../editor/design.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { reduceAction } from './action-reducer.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import './planner-inspector.ts';

const base = indexCatalog(TEST_CATALOG);
const catalog: CatalogIndex = new Map(base).set('chair', {
  ...base.get('chair')!,
  variants: [
    { sku: 'chair-black', kind: 'colour', name: 'Black', price_cents: 12900, colour: '#2f2f2f' },
    { sku: 'chair-walnut', kind: 'material', name: 'Walnut', price_cents: 14900, colour: null },
  ],
});
const chair: PlacedItem = { id: 'p1', catalog_id: 'chair', x: 100, y: 100, rotation: 0 };

async function setup(item: PlacedItem) {
  const el = document.createElement('planner-inspector');
  el.item = item;
  el.catalog = catalog;
  el.locale = 'en-GB';
  const actions: PlannerAction[] = [];
  el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => actions.push(e.action));
  document.body.append(el);
  await el.updateComplete;
  const select = el.shadowRoot!.querySelector('select')!;
  const options = () =>
    [...select.options].map((o) => `${o.textContent?.trim()}${o.selected ? ' (selected)' : ''}`);
  return { el, select, options, actions };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-inspector: the variant', () => {
  it('offers the item as it comes and each variant with its price, and asks for the one chosen', async () => {
    const { select, options, actions } = await setup(chair);
    expect(options()).toEqual(['Standard · €119.00 (selected)', 'Black · €129.00', 'Walnut · €149.00']);
    select.value = 'chair-walnut';
    select.dispatchEvent(new Event('change'));
    expect(actions).toHaveLength(1);
    const action = actions[0]!;
    if (action.type !== 'apply') throw new Error(`not an apply action: ${action.type}`);
    const outcome = reduceAction(
      {
        design: { ...emptyDesign(), items: [chair] },
        catalog,
        snap: false,
        gridStep: 10,
        narrow: false,
        locale: 'en-GB',
        mod: 'Ctrl+',
        newId: () => 'x',
      },
      action,
    );
    expect(outcome.edit?.next.items[0]?.variant).toBe('chair-walnut');
    expect(outcome.announce).toBe('Tova Dining Chair: Walnut, €149.00.');
  });

  it('shows the chosen variant’s price, and one the item no longer has as no longer sold', async () => {
    const black = await setup({ ...chair, variant: 'chair-black' });
    expect(black.options()[1]).toBe('Black · €129.00 (selected)');
    expect(black.el.shadowRoot!.querySelector('.meta')?.textContent).toContain('€129.00');
    document.body.replaceChildren();
    const gone = await setup({ ...chair, variant: 'chair-red' });
    expect(gone.options().at(-1)).toBe('chair-red (no longer sold) (selected)');
  });

  it('has no variant list for an item without variants', async () => {
    const el = document.createElement('planner-inspector');
    el.item = { ...chair, catalog_id: 'sofa' };
    el.catalog = catalog;
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('select')).toBeNull();
  });
});
