import './components/planner-app.ts';
import type { PlannerApp } from './components/planner-app.ts';
import { draftPrefix } from './draft/draft.ts';
import { DraftShelf, defaultStorage } from './draft/draft-store.ts';
import { Workspace } from './project/workspace.ts';
import type { PlannerCommands, PlannerServices } from './services.ts';

export interface MountOptions {
  /** Aborting unmounts the planner: listeners, observers and subscriptions are removed, the draft is written. */
  signal?: AbortSignal;
  /** Where drafts are kept; `localStorage` by default, `null` for memory only. */
  storage?: Storage | null;
  /** The drafts' storage key prefix (each owner's draft is `<prefix>:<owner>`); one per planner origin by default. */
  draftKey?: string;
  /** BCP 47 locale for numbers, prices and dates; the browser's by default. */
  locale?: string;
}

/**
 * Mounts the planner UI in `root` (replacing its content) and returns the commands the host
 * may call over RPC. Each owner's local draft is restored as soon as a verified token says
 * whose session this is, so nothing the user did before a reload is lost, and nobody else
 * sees it.
 *
 * The returned object has exactly the `PlannerCommands` methods, so it can be exposed as is;
 * unmount through `options.signal`.
 */
export function mountPlanner(
  root: HTMLElement,
  services: PlannerServices,
  options: MountOptions = {},
): PlannerCommands {
  const drafts = new DraftShelf({
    storage: options.storage === undefined ? defaultStorage() : options.storage,
    prefix: options.draftKey ?? draftPrefix(location.origin),
  });
  const workspace = new Workspace({ services, drafts });
  const app = document.createElement('planner-app') as PlannerApp;
  app.services = services;
  app.workspace = workspace;
  if (options.locale) app.locale = options.locale;
  root.replaceChildren(app);

  const stopHeight = reportHeight(services);
  // The shopping list's element, the design analytics and `addItem` come with the lazy chunk,
  // after the first paint (deferred.ts).
  const deferred = import('./components/deferred.ts');
  let stopAnalytics: (() => void) | undefined;
  void deferred.then((m) => {
    if (!options.signal?.aborted) {
      stopAnalytics = m.watchDesign(
        workspace.editor,
        () => app.catalogIndex,
        (event) => services.track(event),
      );
    }
  });

  // Write the draft now when the page may be going away (tab closed, host navigates, bfcache).
  const flush = () => workspace.flushDraft();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);

  options.signal?.addEventListener(
    'abort',
    () => {
      stopHeight();
      stopAnalytics?.();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      app.remove();
      flush();
    },
    { once: true },
  );

  return {
    openProject(id) {
      return workspace.open(id);
    },
    async newProject() {
      workspace.newProject();
      return workspace.snapshot();
    },
    async getProject() {
      return workspace.snapshot();
    },
    saveProject() {
      return workspace.save();
    },
    async addItem(catalogId) {
      return (await deferred).addItem(app, workspace, catalogId);
    },
  };
}

/**
 * Reports the document's height whenever it changes, for the host's auto-resize. The layout
 * takes its height from its content (never from the viewport), so the host resizing the
 * iframe to what we report cannot feed back into another change.
 */
function reportHeight(services: PlannerServices): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let last = -1;
  const el = document.documentElement;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(el.getBoundingClientRect().height);
    if (height !== last && height > 0) {
      last = height;
      services.reportHeight(height);
    }
  });
  observer.observe(el);
  return () => observer.disconnect();
}
