// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { emptyDesign, indexCatalog } from '../editor/design.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import './planner-canvas.ts';

// Multi-select on the plan, by keyboard and the selection bar (pointer gestures are in
// e2e/multi-select.spec.ts: happy-dom has no layout to hit-test or map to the plan).

const catalog = indexCatalog(TEST_CATALOG);

async function setup(selectedId: string | null = null, group: string[] = []) {
  let design = addItem(emptyDesign(), 'sofa', { x: 200, y: 100 }, 's1');
  design = addItem(design, 'chair', { x: 100, y: 300 }, 'c1');
  design = addItem(design, 'table', { x: 350, y: 250 }, 't1');
  const el = document.createElement('planner-canvas');
  el.design = design;
  el.catalog = catalog;
  el.locale = 'en';
  el.selectedId = selectedId;
  el.group = group;
  document.body.append(el);
  await el.interactive;
  const actions: PlannerAction[] = [];
  el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => actions.push(e.action));
  const root = el.shadowRoot!;
  const item = (id: string) => root.querySelector(`g.item[data-id="${id}"]`) as SVGGElement;
  const press = (target: Element, init: KeyboardEventInit) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init }),
    );
  const key = (id: string, init: KeyboardEventInit) => press(item(id), init);
  const planKey = (init: KeyboardEventInit) => press(root.querySelector('svg.plan')!, init);
  const button = (name: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('.select-bar button')].find(
      (b) => b.textContent?.trim() === name,
    );
  const said = () => root.querySelector('[role=status]')!.textContent!.trim();
  return { el, actions, item, key, planKey, button, said };
}

afterEach(() => {
  document.body.replaceChildren();
});

const group = (op: object) => ({ type: 'group', op });

describe('planner-canvas multi-select', () => {
  it('selects every piece with Ctrl/Cmd+A, the focused one primary, on a piece or the plan', async () => {
    const { actions, key, planKey } = await setup();
    key('c1', { key: 'a', ctrlKey: true });
    planKey({ key: 'A', metaKey: true });
    expect(actions).toEqual([
      group({ kind: 'select', ids: ['c1', 's1', 't1'] }),
      group({ kind: 'select', ids: ['s1', 'c1', 't1'] }),
    ]);
  });

  it('adds or takes out the focused piece with Shift+Space or Shift+Enter', async () => {
    const { actions, key } = await setup('s1');
    key('t1', { key: ' ', shiftKey: true });
    key('s1', { key: 'Enter', shiftKey: true });
    expect(actions).toEqual([
      group({ kind: 'select', ids: ['s1', 't1'] }),
      group({ kind: 'select', ids: [] }),
    ]);
  });

  it('marks every selected piece, draws one box around them and no rotate handle', async () => {
    const { el, item } = await setup('s1', ['s1', 't1']);
    expect(['s1', 'c1', 't1'].map((id) => item(id).classList.contains('selected'))).toEqual([
      true,
      false,
      true,
    ]);
    expect(item('t1').getAttribute('aria-label')).toMatch(/Selected\.$/);
    expect(el.shadowRoot!.querySelectorAll('.group-box')).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('.selection .handle')).toBeNull();
  });

  it('maps keys on a selected piece to group actions on the whole selection', async () => {
    const { actions, key } = await setup('s1', ['s1', 't1']);
    const ids = ['s1', 't1'];
    key('t1', { key: 'ArrowLeft', shiftKey: true });
    key('t1', { key: 'R', shiftKey: true });
    key('t1', { key: '[', code: 'BracketLeft' });
    key('t1', { key: 'd', ctrlKey: true });
    key('t1', { key: 'l', code: 'KeyL', altKey: true });
    key('t1', { key: '˙', code: 'KeyH', altKey: true });
    key('t1', { key: 'V', code: 'KeyV', altKey: true, shiftKey: true });
    key('t1', { key: 'Delete' });
    key('t1', { key: 'Escape' });
    expect(actions).toEqual([
      group({ kind: 'nudge', ids, dx: -1, dy: 0, large: true }),
      group({ kind: 'rotate', ids, degrees: -90 }),
      group({ kind: 'rotate', ids, degrees: -15 }),
      group({ kind: 'duplicate', ids }),
      group({ kind: 'align', ids, edge: 'left' }),
      group({ kind: 'align', ids, edge: 'centre-x' }),
      group({ kind: 'distribute', ids, axis: 'y' }),
      group({ kind: 'delete', ids }),
      group({ kind: 'select', ids: [] }),
    ]);
  });

  it('on the plan itself, arrows move the selection instead of panning', async () => {
    const { el, actions, planKey } = await setup('s1', ['s1', 'c1']);
    const before = el.shadowRoot!.querySelector('svg.plan')!.getAttribute('viewBox');
    planKey({ key: 'ArrowDown' });
    expect(actions).toEqual([group({ kind: 'nudge', ids: ['s1', 'c1'], dx: 0, dy: 1, large: false })]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('svg.plan')!.getAttribute('viewBox')).toBe(before);
  });

  it('keeps the selection while focus moves; a piece key outside it selects that piece alone first', async () => {
    const { actions, item, key } = await setup('s1', ['s1', 't1']);
    item('c1').dispatchEvent(new FocusEvent('focus'));
    expect(actions).toEqual([]);
    key('c1', { key: 'ArrowRight' });
    expect(actions).toEqual([
      { type: 'select', id: 'c1' },
      { type: 'nudge', id: 'c1', dx: 1, dy: 0, large: false },
    ]);
  });

  it('Escape on the plan clears a single selection too', async () => {
    const { actions, planKey } = await setup('c1');
    planKey({ key: 'Escape' });
    expect(actions).toEqual([group({ kind: 'select', ids: [] })]);
  });

  it("offers the selection's tools in the bar, distribute from three pieces on", async () => {
    const { el, actions, button } = await setup('s1', ['s1', 't1']);
    expect(el.shadowRoot!.querySelector('.select-bar .count')?.textContent).toBe('2 selected');
    button('Align top')!.click();
    button('Rotate 90°')!.click();
    expect(button('Distribute horizontally')!.disabled).toBe(true);
    button('Clear selection')!.click();
    expect(actions).toEqual([
      group({ kind: 'align', ids: ['s1', 't1'], edge: 'top' }),
      group({ kind: 'rotate', ids: ['s1', 't1'], degrees: 90 }),
      group({ kind: 'select', ids: [] }),
    ]);
    el.group = ['s1', 't1', 'c1'];
    await el.updateComplete;
    expect(button('Distribute horizontally')!.disabled).toBe(false);
  });

  it('shows only the Select mode toggle without a selection of several; it says what it does', async () => {
    const { el, button, said } = await setup('s1');
    expect(el.shadowRoot!.querySelector('.select-bar .count')).toBeNull();
    const select = button('Select')!;
    expect(select.getAttribute('aria-pressed')).toBe('false');
    select.click();
    await el.updateComplete;
    expect(button('Select')!.getAttribute('aria-pressed')).toBe('true');
    expect(said()).toMatch(/^Select mode on: tap pieces to add or remove them/);
  });
});
