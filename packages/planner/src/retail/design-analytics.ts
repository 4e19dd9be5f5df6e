import type { AnalyticsEvent } from '@planner/protocol';
import type { CatalogIndex, CatalogItem } from '../editor/design.ts';
import type { Editor } from '../editor/editor.ts';

/**
 * Turns the shopper's edits into the host's analytics events: `design_started` at the first
 * edit of this page load, `item_added` for each piece that appears in an edit (placed from
 * the catalog or duplicated; not on undo, redo or opening a project). Only a SKU and a
 * category go out, never anything about the shopper. Returns the unsubscribe.
 */
export function watchDesign(
  editor: Editor,
  catalog: () => CatalogIndex,
  track: (event: AnalyticsEvent) => void,
): () => void {
  let started = false;
  let ids = new Set(editor.design.items.map((i) => i.id));
  return editor.subscribe((design, change) => {
    const before = ids;
    ids = new Set(design.items.map((i) => i.id));
    if (change.kind !== 'edit') return;
    if (!started) {
      started = true;
      track({ event: 'design_started' });
    }
    for (const item of design.items) {
      if (before.has(item.id)) continue;
      const c = catalog().get(item.catalog_id) as (CatalogItem & { sku?: string }) | undefined;
      track({
        event: 'item_added',
        sku: (c?.sku ?? item.catalog_id).slice(0, 64),
        category: (c?.category ?? '').slice(0, 64),
      });
    }
  });
}
