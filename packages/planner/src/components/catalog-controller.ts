import type { CatalogQuery } from '@planner/api-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Catalog, type CatalogIndex, indexCatalog } from '../editor/design.ts';
import { unknownCatalogIds, withLookedUp } from '../editor/retired-items.ts';
import { describeError } from '../project/describe-error.ts';
import type { Workspace } from '../project/workspace.ts';
import type { PlannerServices } from '../services.ts';

/**
 * The planner's catalog: loaded once (again after a failure, when the session comes back),
 * indexed by item id, and completed with the retired items an opened project still holds,
 * so those keep their size and price and show "no longer sold". The host re-renders on
 * every change.
 */
export class CatalogController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #services: () => PlannerServices;
  readonly #workspace: () => Workspace;

  /** The catalog as loaded (null until it is). */
  catalog: Catalog | null = null;
  /** The catalog as loaded, by item id, plus the retired items looked up (empty until loaded). */
  index: CatalogIndex = new Map();
  /** Why the last load failed, in words, or null. */
  error: string | null = null;

  /** Resolves once the catalog has loaded (for host commands that need it). */
  readonly loaded = new Promise<void>((resolve) => {
    this.#loaded = resolve;
  });
  #loaded!: () => void;

  /** Catalog ids already looked up (found or not): each is asked once. */
  readonly #lookedUp = new Set<string>();
  /** The list's server search: one function, so the list does not start again each render. */
  readonly search = (query: CatalogQuery) => this.#services().searchCatalog(query);

  constructor(
    host: ReactiveControllerHost,
    deps: { services: () => PlannerServices; workspace: () => Workspace },
  ) {
    this.#host = host;
    this.#services = deps.services;
    this.#workspace = deps.workspace;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.catalog) void this.load();
  }

  async load(): Promise<void> {
    this.error = null;
    this.#host.requestUpdate();
    try {
      const catalog = await this.#services().getCatalog();
      this.catalog = catalog;
      this.index = indexCatalog(catalog);
      this.#loaded();
      this.#lookedUp.clear();
      void this.lookUpUnknown();
    } catch (error) {
      this.error = describeError(error);
    }
    this.#host.requestUpdate();
  }

  /** The session is usable again: a catalog that failed to load is asked for again. */
  retryIfFailed(): void {
    if (this.error) void this.load();
  }

  /**
   * Pieces of an opened project whose item the catalog no longer sells: looked up (sold or
   * not) and added to the index.
   */
  async lookUpUnknown(): Promise<void> {
    if (!this.catalog) return;
    const ids = unknownCatalogIds(this.#workspace().design, this.index).filter(
      (id) => !this.#lookedUp.has(id),
    );
    if (!ids.length) return;
    for (const id of ids) this.#lookedUp.add(id);
    try {
      this.index = await withLookedUp(this.index, ids, (batch) => this.#services().lookupCatalogItems(batch));
      this.#host.requestUpdate();
    } catch {
      // Drawn as an unknown item, as before; the next opened project asks again.
      for (const id of ids) this.#lookedUp.delete(id);
    }
  }
}
