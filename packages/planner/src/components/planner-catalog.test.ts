// @vitest-environment happy-dom
import type { CatalogQuery } from '@planner/api-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogItem, catalogOf, TEST_CATALOG } from '../testing/fixtures.ts';
import { ACTION_EVENT, CATALOG_DRAG_TYPE, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import { OVERSCAN, ROW } from './catalog-window.ts';
import { PlannerCatalog } from './planner-catalog.ts';

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
    expect(add.getAttribute('aria-label')).toBe('Add to room: Ekdal Dining Table');
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

describe('planner-catalog with 10 000 items', () => {
  const many = (n: number, prefix = 'Piece') =>
    catalogOf(
      Array.from({ length: n }, (_, i) => catalogItem(`p${i}`, 100, 50, { name: `${prefix} ${i}` })),
      ['Test'],
    );

  it('renders only the rows in view and a margin, and follows the scroll', async () => {
    const el = document.createElement('planner-catalog');
    el.catalog = many(10_000);
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    const rendered = () => [...root.querySelectorAll<HTMLElement>('li.card')];
    expect(rendered().length).toBeLessThanOrEqual(OVERSCAN + 2);
    expect(rendered()[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(rendered()[0]!.getAttribute('aria-setsize')).toBe('10000');
    // The list is as tall as all its rows, so the scroll bar tells where one is.
    expect(root.querySelector<HTMLElement>('ul.cards')!.style.height).toBe(`${10_000 * ROW - 8}px`);

    const scroller = root.querySelector<HTMLElement>('.results')!;
    Object.defineProperty(scroller, 'clientHeight', { value: 600, configurable: true });
    scroller.scrollTop = 5000 * ROW;
    scroller.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    const rows = rendered();
    const first = Number(rows[0]!.getAttribute('aria-posinset'));
    expect(first).toBe(5000 - OVERSCAN + 1);
    expect(rows.length).toBeLessThanOrEqual(2 * OVERSCAN + Math.ceil(600 / ROW) + 1);
    expect(rows[0]!.style.top).toBe(`${(first - 1) * ROW}px`);
    expect(rows.map((r) => r.querySelector('.name')!.textContent)).toContain('Piece 5000');
  });

  it('searches through the server, a page at a time, once typing pauses', async () => {
    vi.useFakeTimers();
    try {
      const asked: CatalogQuery[] = [];
      const all = many(10_000, 'Oak');
      const el = document.createElement('planner-catalog');
      el.catalog = catalogOf(all.items.slice(0, 50), ['Test']);
      el.catalog.total = 10_000;
      el.search = async (query) => {
        asked.push(query);
        const words = query.q ? all.items.filter((i) => i.name.endsWith(` ${query.q}`)) : all.items;
        const offset = query.offset ?? 0;
        return {
          ...all,
          items: words.slice(offset, offset + (query.limit ?? 50)),
          total: words.length,
          offset,
        };
      };
      document.body.append(el);
      await settle(el);
      expect(asked).toEqual([{ offset: 0, limit: 50 }]);
      const root = el.shadowRoot!;
      expect(root.querySelector('.count')?.textContent).toContain('10000 pieces');

      const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
      search.value = '77';
      search.dispatchEvent(new Event('input'));
      await settle(el);
      expect(asked).toHaveLength(1); // not yet: typing has not paused
      vi.advanceTimersByTime(PlannerCatalog.searchDelayMs);
      await settle(el);
      expect(asked.at(-1)).toEqual({ q: '77', offset: 0, limit: 50 });
      expect([...root.querySelectorAll('.card .name')].map((n) => n.textContent)).toEqual(['Oak 77']);
      expect(root.querySelector('.count')?.textContent).toContain('1 of 10000 pieces');

      const chip = [...root.querySelectorAll<HTMLButtonElement>('.chip')].find(
        (c) => c.textContent?.trim() === 'Test',
      )!;
      chip.click();
      await settle(el);
      expect(asked.at(-1)).toEqual({ q: '77', category: 'Test', offset: 0, limit: 50 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a failed search in words for people, with a retry that asks again', async () => {
    let fail = true;
    const el = document.createElement('planner-catalog');
    el.catalog = TEST_CATALOG;
    el.search = async () => {
      // Shaped as the api-client's errors are: a code, a status and a message for developers.
      if (fail)
        throw Object.assign(new Error('GET /v1/catalog answered 503 (upstream_down).'), {
          code: 'HTTP_ERROR',
          status: 503,
        });
      return TEST_CATALOG;
    };
    document.body.append(el);
    await settle(el);
    const root = el.shadowRoot!;
    const shown = root.querySelector('.error')?.textContent ?? '';
    expect(shown).toContain('The server had a problem; please try again.');
    expect(shown).not.toContain('upstream_down');
    fail = false;
    root.querySelector<HTMLButtonElement>('.error button')!.click();
    await settle(el);
    expect(root.querySelectorAll('.card .name')).toHaveLength(4);
  });
});

async function settle(el: PlannerCatalog) {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
    await el.updateComplete;
  }
}
