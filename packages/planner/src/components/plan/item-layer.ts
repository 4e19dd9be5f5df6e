import type { TemplateResult } from 'lit';
import { itemName } from '../../editor/describe.ts';
import type { CatalogIndex, CatalogItem, PlacedItem, Room } from '../../editor/design.ts';
import { isFloorCovering } from '../../editor/floor-covering.ts';
import { type Footprint, footprint } from '../../editor/footprint.ts';
import type { ItemWarnings } from '../../editor/warnings.ts';
import { badge, type ItemPartOptions, itemPart } from './parts.ts';

/** What every piece of one drawing shares. */
export interface LayerInput {
  catalog: CatalogIndex;
  selectedId: string | null;
  group: readonly string[];
  warnings: ReadonlyMap<string, ItemWarnings>;
  unit: Room['unit'];
  locale: string | undefined;
  catalogReady: boolean;
  symbolUrl: (relative: string) => string;
  paint: ItemPartOptions['paint'];
  px: number;
  onKey: (e: KeyboardEvent, id: string) => void;
  onFocus: (id: string) => void;
}

interface Drawn {
  item: PlacedItem;
  catalogItem: CatalogItem | undefined;
  selected: boolean;
  warnings: ItemWarnings | undefined;
  /** The names of the pieces it overlaps are in its label: only then do they matter. */
  nameOf: ((id: string) => string) | null;
  unit: Room['unit'];
  locale: string | undefined;
  catalogReady: boolean;
  symbolUrl: (relative: string) => string;
  paint: ItemPartOptions['paint'];
  part: TemplateResult;
}

/**
 * The placed pieces' templates, each made again only when something it shows changed: while
 * one piece is dragged among 1 000, a frame describes and draws that one (and those whose
 * warnings it changed), and Lit finds the others' templates as they were and leaves their
 * elements alone.
 */
export class ItemLayer {
  #drawn = new Map<string, Drawn>();
  #badges = new Map<string, { shape: Footprint; warned: boolean; px: number; part: unknown }>();
  #handlers = new Map<string, { key: (e: KeyboardEvent) => void; focus: () => void }>();
  #names: { items: readonly PlacedItem[]; catalog: CatalogIndex; nameOf: (id: string) => string } | undefined;

  /** The pieces' footprints, rugs first: they lie under everything else (a stable order, so focus survives). */
  shapes(items: readonly PlacedItem[], catalog: CatalogIndex): { shapes: Footprint[]; ordered: Footprint[] } {
    const shapes = items.map((item) => footprint(item, catalog));
    const rugs = shapes.filter((s) => isFloorCovering(s.catalogItem));
    const ordered = rugs.length
      ? [...rugs, ...shapes.filter((s) => !isFloorCovering(s.catalogItem))]
      : shapes;
    return { shapes, ordered };
  }

  /** Names pieces by id; the same function as long as the pieces (not their places) and catalog are. */
  nameOf(items: readonly PlacedItem[], catalog: CatalogIndex): (id: string) => string {
    const n = this.#names;
    if (n && n.catalog === catalog && n.items === items) return n.nameOf;
    const names = new Map(items.map((i) => [i.id, itemName(catalog.get(i.catalog_id))]));
    const nameOf = (id: string) => names.get(id) ?? 'an item';
    this.#names = { items, catalog, nameOf };
    return nameOf;
  }

  parts(ordered: readonly Footprint[], nameOf: (id: string) => string, o: LayerInput): TemplateResult[] {
    const drawn = new Map<string, Drawn>();
    const parts = ordered.map((s) => {
      const id = s.item.id;
      const warnings = o.warnings.get(id);
      const next = {
        item: s.item,
        catalogItem: s.catalogItem,
        selected: id === o.selectedId || o.group.includes(id),
        warnings,
        nameOf: warnings?.overlaps.length ? nameOf : null,
        unit: o.unit,
        locale: o.locale,
        catalogReady: o.catalogReady,
        symbolUrl: o.symbolUrl,
        paint: o.paint,
      };
      const last = this.#drawn.get(id);
      const d: Drawn =
        last && same(last, next)
          ? last
          : {
              ...next,
              part: itemPart(s, {
                ...next,
                nameOf,
                onKey: this.#handler(id, o).key,
                onFocus: this.#handler(id, o).focus,
              }),
            };
      drawn.set(id, d);
      return d.part;
    });
    this.#drawn = drawn;
    return parts;
  }

  /** The warning badges, over every piece. */
  badges(ordered: readonly Footprint[], warnings: ReadonlyMap<string, ItemWarnings>, px: number): unknown[] {
    const kept = new Map<string, { shape: Footprint; warned: boolean; px: number; part: unknown }>();
    const parts = ordered.map((s) => {
      const w = warnings.get(s.item.id);
      const last = this.#badges.get(s.item.id);
      const b =
        last && last.shape === s && last.warned === !!w && last.px === px
          ? last
          : { shape: s, warned: !!w, px, part: badge(s, w, px) };
      kept.set(s.item.id, b);
      return b.part;
    });
    this.#badges = kept;
    return parts;
  }

  /** One listener pair per piece, kept across drawings (a new function would be bound again each time). */
  #handler(id: string, o: LayerInput) {
    let h = this.#handlers.get(id);
    if (!h) {
      h = { key: (e) => o.onKey(e, id), focus: () => o.onFocus(id) };
      this.#handlers.set(id, h);
    }
    return h;
  }
}

function same(a: Drawn, b: Omit<Drawn, 'part'>): boolean {
  return (
    a.item === b.item &&
    a.catalogItem === b.catalogItem &&
    a.selected === b.selected &&
    a.warnings === b.warnings &&
    a.nameOf === b.nameOf &&
    a.unit === b.unit &&
    a.locale === b.locale &&
    a.catalogReady === b.catalogReady &&
    a.symbolUrl === b.symbolUrl &&
    a.paint === b.paint
  );
}
