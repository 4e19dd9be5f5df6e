// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { emptyDesign, indexCatalog } from '../editor/design.ts';
import { addOpening, applyTemplate } from '../room/edit.ts';
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
  await el.interactive;
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

  it("shows every wall's length along it in the room unit, and the floor area", async () => {
    const { el } = await setup();
    const labels = () => [...el.shadowRoot!.querySelectorAll('.dim-label')].map((t) => t.textContent);
    expect(labels()).toEqual(['5.00 m', '4.00 m', '5.00 m', '4.00 m']);
    expect(el.shadowRoot!.querySelector('.area')!.textContent).toBe('Floor area 20.0 m²');
    el.design = { ...el.design, room: { ...el.design.room, unit: 'cm' } };
    await el.updateComplete;
    expect(labels()).toEqual(['500 cm', '400 cm', '500 cm', '400 cm']);
  });

  it("draws an L-shaped room's walls, a door with its swing and a window", async () => {
    const { el } = await setup();
    let room = applyTemplate(el.design.room, 'l-shape');
    room = addOpening(addOpening(room, 'door', 'd1', 0), 'window', 'w1', 5);
    el.design = { ...el.design, room };
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('path.wall')!.getAttribute('d')).toBe(
      'M0 0L500 0L500 200L250 200L250 400L0 400Z',
    );
    expect(root.querySelectorAll('.wall-hit')).toHaveLength(6);
    expect(root.querySelectorAll('.corner')).toHaveLength(6);
    expect(root.querySelector('.opening.door .swing')!.getAttribute('d')).toMatch(/A80 80 /);
    expect(root.querySelector('.opening.window .glass')).not.toBeNull();
  });

  it('keys on walls, corners and openings ask for room edits; + and - zoom, announced', async () => {
    const { el, actions } = await setup();
    el.design = { ...el.design, room: addOpening(el.design.room, 'door', 'd1', 0) };
    await el.updateComplete;
    const root = el.shadowRoot!;
    const press = (target: Element, key: string, init: KeyboardEventInit = {}) =>
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }),
      );
    // The top wall: up is out of the room.
    press(root.querySelectorAll('.wall-hit')[0]!, 'ArrowUp');
    press(root.querySelectorAll('.wall-hit')[1]!, 'ArrowLeft', { shiftKey: true });
    press(root.querySelectorAll('.corner')[2]!, 'ArrowDown');
    const door = root.querySelector('.opening')!;
    press(door, 'ArrowRight');
    press(door, 'h');
    press(door, 's');
    press(door, 'Delete');
    expect(actions).toEqual([
      { type: 'room-edit', edit: { kind: 'wall', index: 0, distance: 10 }, key: 'wall:0' },
      { type: 'room-edit', edit: { kind: 'wall', index: 1, distance: -100 }, key: 'wall:1' },
      { type: 'room-edit', edit: { kind: 'corner', index: 2, x: 500, y: 410 }, key: 'corner:2' },
      {
        type: 'room-edit',
        edit: { kind: 'opening', id: 'd1', patch: { offset_cm: 260 } },
        key: 'opening:d1',
      },
      { type: 'room-edit', edit: { kind: 'opening', id: 'd1', patch: { hinge: 'end' } } },
      { type: 'room-edit', edit: { kind: 'opening', id: 'd1', patch: { swing: 'out' } } },
      { type: 'room-edit', edit: { kind: 'remove-opening', id: 'd1' } },
    ]);
    const plan = root.querySelector('svg.plan')!;
    const box = () => plan.getAttribute('viewBox')!.split(' ').map(Number);
    const [, , w0] = box();
    press(plan, '+');
    await el.updateComplete;
    expect(box()[2]).toBeCloseTo(w0! / 1.25, 3);
    expect(root.querySelector('[role=status]')!.textContent).toBe('Zoom 125%.');
    press(plan, '0');
    await el.updateComplete;
    expect(box()[2]).toBeCloseTo(w0!, 3);
    expect(root.querySelector('[role=status]')!.textContent).toBe('Zoomed to fit the room.');
  });

  it('never widens the view for a piece far outside the room', async () => {
    const { el } = await setup();
    const plan = el.shadowRoot!.querySelector('svg.plan')!;
    const before = plan.getAttribute('viewBox');
    el.design = addItem(el.design, 'sofa', { x: 5000, y: 4000 }, 'far');
    await el.updateComplete;
    expect(plan.getAttribute('viewBox')).toBe(before);
    const far = el.shadowRoot!.querySelector('g.item[data-id=far]')!;
    expect(far.getAttribute('aria-label')).toMatch(/fully outside the room, [\d.]+ m away from it/);
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
