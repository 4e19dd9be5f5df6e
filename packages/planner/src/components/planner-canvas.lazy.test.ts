// @vitest-environment happy-dom
// A file of its own: the gestures' module must not be loaded yet when the first key comes.
import { expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { emptyDesign, indexCatalog } from '../editor/design.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import './planner-canvas.ts';

it('is aria-busy until its gestures load, and replays the keys it got meanwhile, in order', async () => {
  const el = document.createElement('planner-canvas');
  el.design = addItem(emptyDesign(), 'sofa', { x: 200, y: 100 }, 's1');
  el.catalog = indexCatalog(TEST_CATALOG);
  document.body.append(el);
  await el.updateComplete;
  const actions: PlannerAction[] = [];
  el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => actions.push(e.action));
  const root = el.shadowRoot!;
  const plan = root.querySelector('svg.plan')!;
  // Drawn, but not yet interactive: the test is only meaningful in that state.
  expect(root.querySelector('g.item')).not.toBeNull();
  expect(plan.getAttribute('aria-busy')).toBe('true');
  // The grab handles and the keyboard help come with the gestures.
  expect(root.querySelectorAll('.wall-hit, .corner, #plan-help')).toHaveLength(0);
  const press = (target: Element, key: string) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }),
    );
  press(root.querySelector('g.item')!, 'ArrowRight');
  press(root.querySelector('g.item')!, 'Delete');
  const before = plan.getAttribute('viewBox');
  press(plan, '+');
  expect(actions).toEqual([]);
  await el.interactive;
  expect(plan.getAttribute('aria-busy')).toBe('false');
  expect(root.querySelectorAll('.wall-hit')).toHaveLength(4);
  expect(root.querySelectorAll('.corner')).toHaveLength(4);
  expect(root.querySelector('#plan-help')).not.toBeNull();
  expect(actions).toEqual([
    { type: 'nudge', id: 's1', dx: 1, dy: 0, large: false },
    { type: 'delete', id: 's1' },
  ]);
  expect(plan.getAttribute('viewBox')).not.toBe(before);
  // Once loaded, keys act at once.
  press(root.querySelector('g.item')!, 'r');
  expect(actions).toHaveLength(3);
});
