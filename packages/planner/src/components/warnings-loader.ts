import type { CatalogIndex, Design, PlacedItem } from '../editor/design.ts';
import type { ItemWarnings } from '../editor/warnings.ts';

type WarningsModule = Pick<typeof import('../editor/warnings.ts'), 'computeWarnings' | 'moveWarnings'>;
let loaded: WarningsModule | undefined;
let loading: Promise<WarningsModule> | undefined;

/**
 * The warnings' code (room fit, door swings, overlaps: editor/warnings.ts) comes with the
 * deferred chunk (deferred.ts): the first paint draws the plan without badges, and they
 * appear once it has loaded, right after.
 * Resolves once it is there (a failed load is retried by the next call).
 */
export function loadWarnings(): Promise<WarningsModule> {
  loading ??= import('./deferred.ts').then(
    (m) => {
      loaded = m;
      return m;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * A design's warnings by item id, or null while their code has not loaded yet (then call
 * `loadWarnings()` and draw again when it resolves).
 */
export function warningsIfLoaded(design: Design, catalog: CatalogIndex): Map<string, ItemWarnings> | null {
  return loaded ? loaded.computeWarnings(design, catalog) : null;
}

/** `moveWarnings` (one piece moved from `design`, whose warnings are `base`), or null until loaded. */
export function movedWarningsIfLoaded(
  base: ReadonlyMap<string, ItemWarnings>,
  design: Design,
  moved: PlacedItem,
  catalog: CatalogIndex,
): Map<string, ItemWarnings> | null {
  return loaded ? loaded.moveWarnings(base, design, moved, catalog) : null;
}
