import { msg } from '@lit/localize';
import type { CatalogIndex, PlacedItem } from '../editor/design.ts';
import { UNKNOWN_SIZE_CM } from '../editor/footprint.ts';

/** One line of a plan's legend: every piece of one catalog item carries its number. */
export interface LegendEntry {
  number: number;
  catalogId: string;
  name: string;
  widthCm: number;
  depthCm: number;
  count: number;
}

/** The legend, numbered in the order the pieces were first placed (as the shopping list is). */
export function legendOf(items: readonly PlacedItem[], catalog: CatalogIndex): LegendEntry[] {
  const entries = new Map<string, LegendEntry>();
  for (const item of items) {
    const entry = entries.get(item.catalog_id);
    if (entry) {
      entry.count++;
      continue;
    }
    const c = catalog.get(item.catalog_id);
    entries.set(item.catalog_id, {
      number: entries.size + 1,
      catalogId: item.catalog_id,
      name: c?.name ?? msg('Unknown item'),
      widthCm: c?.width_cm ?? UNKNOWN_SIZE_CM,
      depthCm: c?.depth_cm ?? UNKNOWN_SIZE_CM,
      count: 1,
    });
  }
  return [...entries.values()];
}
