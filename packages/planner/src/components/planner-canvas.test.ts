// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { emptyDesign, indexCatalog } from '../editor/design.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import './planner-canvas.ts';

const catalog = indexCatalog(TEST_CATALOG);

async function setup() {
  let design = addItem(emptyDesign(), 'sofa', { x: 200, y: 100 }, 's1');
  design = addItem(design, 'chair', { x: 215, y: 110 }, 'c1'); // overlaps the sofa
  design = addItem(design, 'rug', { x: 250, y: 200 }, 'r1');
  const el = document.createElement('planner-canvas');
  el.design = design;
  el.catalog = catalog;
  el.locale = 'en';
  document.body.append(el);
  await el.updateComplete;
  const actions: PlannerAction[] = [];
  el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => actions.push(e.action));
  const item = (id: string) =>
    [...el.shadowRoot!.querySelectorAll('g.item')].find(
      (g) => g.getAttribute('data-id') === id,
    ) as SVGGElement;
  const key = (id: string, init: KeyboardEventInit) =>
    item(id).dispatchEvent(
      new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init }),
    );
  return { el, actions, item, key };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-canvas', () => {
  it('draws every item as a focusable, labelled element, rugs first', async () => {
    const { el, item } = await setup();
    const ids = [...el.shadowRoot!.querySelectorAll('g.item')].map((g) => g.getAttribute('data-id'));
    expect(ids).toEqual(['r1', 's1', 'c1']);
    const sofa = item('s1');
    expect(sofa.getAttribute('tabindex')).toBe('0');
    expect(sofa.getAttribute('role')).toBe('button');
    expect(sofa.getAttribute('aria-label')).toContain('Halden 3-Seat Sofa');
    expect(sofa.getAttribute('aria-label')).toContain('Warning: overlaps Tova Dining Chair');
    expect(item('r1').getAttribute('aria-label')).not.toContain('Warning');
  });

  it('loads symbols only for placed items, through symbolUrl', async () => {
    const { el } = await setup();
    el.symbolUrl = (r) => `https://cdn.test${r}`;
    await el.updateComplete;
    const hrefs = [...el.shadowRoot!.querySelectorAll('image')].map((i) => i.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://cdn.test/v1/catalog/rug/symbol.svg',
      'https://cdn.test/v1/catalog/sofa/symbol.svg',
      'https://cdn.test/v1/catalog/chair/symbol.svg',
    ]);
  });

  it('shows the room size along the walls in the room unit', async () => {
    const { el } = await setup();
    const labels = [...el.shadowRoot!.querySelectorAll('.dim-label')].map((t) => t.textContent);
    expect(labels).toEqual(['5.00 m', '4.00 m']);
    el.design = { ...el.design, room: { ...el.design.room, unit: 'cm' } };
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('.dim-label')].map((t) => t.textContent)).toEqual([
      '500 cm',
      '400 cm',
    ]);
  });

  it('maps keys on a focused item to actions', async () => {
    const { actions, key } = await setup();
    key('s1', { key: 'ArrowRight' });
    key('s1', { key: 'ArrowUp', shiftKey: true });
    key('s1', { key: 'r' });
    key('s1', { key: 'R', shiftKey: true });
    key('s1', { key: ']', code: 'BracketRight' });
    key('s1', { key: '{', code: 'BracketLeft', shiftKey: true });
    key('s1', { key: 'd', ctrlKey: true });
    key('s1', { key: 'Delete' });
    key('s1', { key: 'Backspace' });
    key('s1', { key: 'Escape' });
    expect(actions).toEqual([
      { type: 'nudge', id: 's1', dx: 1, dy: 0, large: false },
      { type: 'nudge', id: 's1', dx: 0, dy: -1, large: true },
      { type: 'rotate-by', id: 's1', degrees: 90 },
      { type: 'rotate-by', id: 's1', degrees: -90 },
      { type: 'rotate-by', id: 's1', degrees: 15 },
      { type: 'rotate-by', id: 's1', degrees: -1 },
      { type: 'duplicate', id: 's1' },
      { type: 'delete', id: 's1' },
      { type: 'delete', id: 's1' },
      { type: 'select', id: null },
    ]);
  });

  it('leaves other keys and browser shortcuts alone', async () => {
    const { actions, key } = await setup();
    const tab = key('s1', { key: 'Tab' });
    const reload = key('s1', { key: 'r', ctrlKey: true });
    expect(actions).toEqual([]);
    expect(tab).toBe(true); // not cancelled
    expect(reload).toBe(true);
  });

  it('selects an item when it receives focus', async () => {
    const { actions, item } = await setup();
    item('c1').dispatchEvent(new FocusEvent('focus'));
    expect(actions).toEqual([{ type: 'select', id: 'c1' }]);
  });

  it('marks the selected item and draws its rotation handle', async () => {
    const { el, item } = await setup();
    el.selectedId = 'c1';
    await el.updateComplete;
    expect(item('c1').classList.contains('selected')).toBe(true);
    expect(item('c1').getAttribute('aria-label')).toMatch(/Selected\.$/);
    expect(el.shadowRoot!.querySelector('.selection .handle')).not.toBeNull();
  });

  it('flags warnings visibly with a badge per item', async () => {
    const { el, item } = await setup();
    expect(item('s1').classList.contains('warn')).toBe(true);
    expect(item('r1').classList.contains('warn')).toBe(false);
    expect(el.shadowRoot!.querySelectorAll('.badge')).toHaveLength(2);
  });

  it('invites a first drop into an empty room', async () => {
    const { el } = await setup();
    el.design = emptyDesign();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.empty-hint')?.textContent).toContain('Drag furniture here');
  });
});
