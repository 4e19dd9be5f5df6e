// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { ACTION_EVENT, CATALOG_DRAG_TYPE, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import './planner-catalog.ts';

async function setup() {
  const el = document.createElement('planner-catalog');
  el.catalog = TEST_CATALOG;
  el.locale = 'en-GB';
  el.unit = 'cm';
  document.body.append(el);
  await el.updateComplete;
  const actions: PlannerAction[] = [];
  el.addEventListener(ACTION_EVENT, (e: PlannerActionEvent) => actions.push(e.action));
  const root = el.shadowRoot!;
  const names = () => [...root.querySelectorAll('.card .name')].map((n) => n.textContent);
  return { el, root, actions, names };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('planner-catalog', () => {
  it('lists the items with size and price', async () => {
    const { root, names } = await setup();
    expect(names()).toEqual(['Halden 3-Seat Sofa', 'Tova Dining Chair', 'Ekdal Dining Table', 'Mosaik Rug']);
    expect(root.querySelector('.card .meta')?.textContent).toMatch(/228 cm × 95 cm\s+€899\.00/);
  });

  it('filters by category and by search words', async () => {
    const { el, root, names } = await setup();
    const chip = [...root.querySelectorAll<HTMLButtonElement>('.chip')].find(
      (c) => c.textContent?.trim() === 'Seating',
    )!;
    chip.click();
    await el.updateComplete;
    expect(names()).toEqual(['Halden 3-Seat Sofa', 'Tova Dining Chair']);
    expect(chip.getAttribute('aria-pressed')).toBe('true');

    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'dining';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(names()).toEqual(['Tova Dining Chair']);
    expect(root.querySelector('.count')?.textContent).toContain('1 of 4');

    search.value = 'oak six'; // words match anywhere, description included
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(names()).toEqual([]);
    expect(root.querySelector('.empty')?.textContent).toContain('No furniture matches');
  });

  it('adds an item from its button', async () => {
    const { root, actions } = await setup();
    const add = root.querySelectorAll<HTMLButtonElement>('button.add')[2]!;
    expect(add.getAttribute('aria-label')).toBe('Add Ekdal Dining Table to room');
    add.click();
    expect(actions).toEqual([{ type: 'add', catalogId: 'table' }]);
  });

  it('opens an item’s details', async () => {
    const { el, root } = await setup();
    const toggle = root.querySelectorAll<HTMLButtonElement>('.details-toggle')[2]!;
    const details = root.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(details.hidden).toBe(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    expect(details.textContent).toContain('A solid oak dining table seating six.');
  });

  it('puts the catalog id on a drag', async () => {
    const { root } = await setup();
    const data = new Map<string, string>();
    const event = new Event('dragstart', { bubbles: true }) as DragEvent;
    Object.defineProperty(event, 'dataTransfer', {
      value: { setData: (t: string, v: string) => data.set(t, v), effectAllowed: 'all', setDragImage() {} },
    });
    root.querySelector('li.card')!.dispatchEvent(event);
    expect(data.get(CATALOG_DRAG_TYPE)).toBe('sofa');
  });

  it('shows loading, then an error with a retry', async () => {
    const { el, root } = await setup();
    el.catalog = null;
    await el.updateComplete;
    expect(root.querySelector('.count')?.textContent).toContain('Loading');
    el.error = 'The server could not be reached.';
    await el.updateComplete;
    let retried = 0;
    el.addEventListener('planner-catalog-retry', () => retried++);
    root.querySelector<HTMLButtonElement>('.error button')!.click();
    expect(retried).toBe(1);
  });
});
