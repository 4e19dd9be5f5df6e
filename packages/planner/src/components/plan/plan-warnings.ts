import type { CatalogIndex, Design, PlacedItem } from '../../editor/design.ts';
import type { ItemWarnings } from '../../editor/warnings.ts';
import { loadWarnings, movedWarningsIfLoaded, warningsIfLoaded } from '../warnings-loader.ts';

/** What the plan shows instead of its design: a drag's preview of one piece, or of more (group, room). */
export interface Shown {
  design: Design;
  /** The one piece a drag moves or turns, when that is all that differs from the design. */
  moved: PlacedItem | null;
  /** What the preview is of (the same value while it has not changed). */
  key: unknown;
}

/**
 * The plan's warnings, kept between drawings. The committed design's are kept until it (or the
 * catalog) changes; a drag of one piece derives its preview's from them (only that piece's
 * pairs are tested again), so a frame of a drag among 1 000 pieces does not sweep them all.
 */
export class PlanWarnings {
  #for: { design: Design; catalog: CatalogIndex } | undefined;
  #warnings: ReadonlyMap<string, ItemWarnings> = new Map();
  #shown: { key: unknown; warnings: ReadonlyMap<string, ItemWarnings> } | undefined;
  readonly #redraw: () => void;

  /** `redraw` is called once the warnings' code has loaded (they are drawn without it first). */
  constructor(redraw: () => void) {
    this.#redraw = redraw;
  }

  of(design: Design, catalog: CatalogIndex, shown: Shown | null): ReadonlyMap<string, ItemWarnings> {
    const known = this.#for;
    if (!known || known.design !== design || known.catalog !== catalog) {
      const computed = warningsIfLoaded(design, catalog);
      if (!computed) {
        // Drawn without badges until the warnings' code has loaded (right after first paint).
        void loadWarnings().then(this.#redraw);
        return this.#warnings;
      }
      this.#warnings = computed;
      this.#for = { design, catalog };
      this.#shown = undefined;
    }
    if (!shown) return this.#warnings;
    const last = this.#shown;
    if (last && last.key === shown.key) return last.warnings;
    const warnings =
      (shown.moved && shown.design.room === design.room
        ? movedWarningsIfLoaded(this.#warnings, design, shown.moved, catalog)
        : warningsIfLoaded(shown.design, catalog)) ?? this.#warnings;
    this.#shown = { key: shown.key, warnings };
    return warnings;
  }
}
