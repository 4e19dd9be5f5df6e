import type { AnalyticsEvent } from '@planner/protocol';
import { isAnalytics, message } from '@planner/protocol';
import { describe, expect, it } from 'vitest';
import { addItem, duplicateItem, moveItemBy } from '../editor/commands.ts';
import { emptyDesign, indexCatalog } from '../editor/design.ts';
import { Editor } from '../editor/editor.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { watchDesign } from './design-analytics.ts';

const ALLOWED = ['event', 'sku', 'category', 'items', 'lines', 'quantity', 'total_cents', 'currency'];

function setup() {
  const editor = new Editor(emptyDesign());
  const events: AnalyticsEvent[] = [];
  const stop = watchDesign(
    editor,
    () => indexCatalog(TEST_CATALOG),
    (e) => events.push(e),
  );
  return { editor, events, stop };
}

describe('watchDesign', () => {
  it('says design_started once, then item_added with only a SKU and a category per piece placed', () => {
    const { editor, events } = setup();
    editor.apply('Add sofa', (d) => addItem(d, 'sofa', { x: 100, y: 100 }, 's1'));
    editor.apply('Move sofa', (d) => moveItemBy(d, 's1', 10, 0));
    editor.apply('Add chair', (d) => addItem(d, 'chair', { x: 10, y: 10 }, 'c1'));
    editor.apply('Duplicate chair', (d) => duplicateItem(d, 'c1', indexCatalog(TEST_CATALOG), 'c2'));
    expect(events).toEqual([
      { event: 'design_started' },
      { event: 'item_added', sku: 'sofa', category: 'Seating' },
      { event: 'item_added', sku: 'chair', category: 'Seating' },
      { event: 'item_added', sku: 'chair', category: 'Seating' },
    ]);
    // No personal data: every field is on the allow-list, and each event passes the validator.
    for (const e of events) {
      expect(Object.keys(e).every((k) => ALLOWED.includes(k))).toBe(true);
      expect(isAnalytics(message('Analytics', e))).toBe(true);
    }
  });

  it('says nothing for undo, redo or an opened project, and stops when asked', () => {
    const { editor, events, stop } = setup();
    editor.apply('Add sofa', (d) => addItem(d, 'sofa', { x: 100, y: 100 }, 's1'));
    editor.undo();
    editor.redo();
    editor.reset(addItem(emptyDesign(), 'table', { x: 0, y: 0 }, 't1'));
    expect(events).toHaveLength(2);
    stop();
    editor.apply('Add chair', (d) => addItem(d, 'chair', { x: 10, y: 10 }, 'c1'));
    expect(events).toHaveLength(2);
  });
});
