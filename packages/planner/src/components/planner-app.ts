import { localized, msg, str } from '@lit/localize';
import type { CatalogQuery } from '@planner/api-client';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { itemName } from '../editor/describe.ts';
import {
  type Catalog,
  type CatalogIndex,
  indexCatalog,
  MAX_ITEMS,
  setNewRoomUnit,
} from '../editor/design.ts';
import type { EditorChange } from '../editor/editor.ts';
import { newItemId } from '../editor/ids.ts';
import { formatTotal, priceTotal } from '../editor/price.ts';
import { unknownCatalogIds, withLookedUp } from '../editor/retired-items.ts';
import { DEFAULT_GRID_STEP } from '../editor/snap.ts';
import { unitForLocale } from '../editor/units.ts';
import type { ItemWarnings } from '../editor/warnings.ts';
import { describeError } from '../project/describe-error.ts';
import type { Workspace, WorkspaceState } from '../project/workspace.ts';
import type { PlannerServices, SessionState } from '../services.ts';
import { type ActionOutcome, reduceAction } from './action-reducer.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import {
  HEADER_COMMAND_EVENT,
  type HeaderCommand,
  NOTICE_COMMAND_EVENT,
  type NoticeCommand,
  RENAME_EVENT,
} from './app-events.ts';
import { icon } from './icons.ts';
import { MOD } from './keys.ts';
import { appStyles } from './planner-app.styles.ts';
import type { PlannerCanvas } from './planner-canvas.ts';
import type { PlannerCatalog } from './planner-catalog.ts';
import type { PlannerProjectsDialog } from './planner-projects-dialog.ts';
import type { ProjectFlowsController } from './project-flows-controller.ts';
import { ShortcutsController } from './shortcuts-controller.ts';
import { loadWarnings, warningsIfLoaded } from './warnings-loader.ts';
import './planner-canvas.ts';
import './planner-catalog.ts';
import './planner-header.ts';

/** Below this width the catalog becomes a drawer. */
const NARROW_QUERY = '(max-width: 759px)';
const SUCCESS_NOTICE_MS = 4000;

/**
 * The whole planner: header, banners, catalog, room settings, plan, selection panel and
 * price total. It applies every `planner-action` from its children to the workspace's
 * editor (the rules are in `action-reducer.ts`), keeps the selection, and announces what
 * happened in a live region. The project flows and the keyboard shortcuts are controllers
 * (the flows, which only a click starts, arrive with `deferred.ts`).
 *
 * The banners, the inbox, the dialogs and the inspector are not needed for the first paint: they load right
 * after it, in one lazy chunk (`deferred.ts`); their elements are in the template from the
 * moment they are defined, and a flow that needs a dialog waits for it.
 *
 * Give it `services` and `workspace` before connecting it (see `mountPlanner`).
 */
@customElement('planner-app')
@localized()
export class PlannerApp extends LitElement {
  @property({ attribute: false }) services!: PlannerServices;
  @property({ attribute: false }) workspace!: Workspace;
  /** BCP 47 locale for numbers, prices and dates; the browser's by default. */
  @property() locale: string | undefined;

  @state() private _session: SessionState = { status: 'connecting' };
  @state() private _ws: WorkspaceState | null = null;
  @state() private _catalog: Catalog | null = null;
  @state() private _catalogIndex: CatalogIndex = new Map();
  @state() private _catalogError: string | null = null;
  @state() private _selectedId: string | null = null;
  /** Every selected piece when there are several (multi-select), else empty; kept across 2D and 3D. */
  @state() private _group: readonly string[] = [];
  @state() private _snap = true;
  @state() private _gridStep = DEFAULT_GRID_STEP;
  @state() private _narrow = false;
  @state() private _drawerOpen = false;
  @state() private _announcement = '';
  /** The 3D view is open (its chunk loads on the first open, see `view3d/open.ts`). */
  @state() private _view3d = false;
  @state() private _view3dError: string | null = null;

  @query('planner-canvas') private _canvas!: PlannerCanvas;
  @query('planner-catalog') private _catalogEl!: PlannerCatalog;
  @query('ui-confirm-dialog') private _confirm!: ConfirmDialog;
  @query('planner-projects-dialog') private _projectsDialog!: PlannerProjectsDialog;
  @query('.drawer-toggle') private _drawerToggle!: HTMLButtonElement | null;

  /** The project flows (new, open, delete), which arrive with `deferred.ts`. */
  #flows: ProjectFlowsController | undefined;

  /** The catalog as loaded, by item id (empty until it is). */
  get catalogIndex(): CatalogIndex {
    return this._catalogIndex;
  }
  /** Resolves once the catalog has loaded (for host commands that need it). */
  readonly catalogLoaded = new Promise<void>((resolve) => {
    this.#catalogLoaded = resolve;
  });
  #catalogLoaded!: () => void;

  #cleanups: (() => void)[] = [];
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #toggle = false;

  constructor() {
    super();
    new ShortcutsController(this, {
      save: () => void this.#save(),
      undo: () => this.#undo(),
      redo: () => this.#redo(),
      escape: () => {
        if (!this._drawerOpen) return false;
        this.#closeDrawer();
        return true;
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const ws = this.workspace;
    this._ws = ws.state;
    this.#cleanups.push(
      ws.subscribe((s) => this.#onWorkspace(s)),
      ws.editor.subscribe((_design, change) => this.#onEditorChange(change)),
      this.services.session.subscribe((s) => this.#onSession(s)),
    );
    const onAction = (e: PlannerActionEvent) => this.#onAction(e.action);
    const onHeader = (e: Event) => this.#onHeader((e as CustomEvent<HeaderCommand>).detail);
    const onRename = (e: Event) => this.workspace.rename((e as CustomEvent<string>).detail);
    const onNotice = (e: Event) => this.#onNotice((e as CustomEvent<NoticeCommand>).detail);
    this.addEventListener(ACTION_EVENT, onAction);
    this.addEventListener(HEADER_COMMAND_EVENT, onHeader);
    this.addEventListener(RENAME_EVENT, onRename);
    this.addEventListener(NOTICE_COMMAND_EVENT, onNotice);
    this.#cleanups.push(() => {
      this.removeEventListener(ACTION_EVENT, onAction);
      this.removeEventListener(HEADER_COMMAND_EVENT, onHeader);
      this.removeEventListener(RENAME_EVENT, onRename);
      this.removeEventListener(NOTICE_COMMAND_EVENT, onNotice);
    });
    if (typeof matchMedia === 'function') {
      const mq = matchMedia(NARROW_QUERY);
      const onChange = () => {
        this._narrow = mq.matches;
        if (!mq.matches) this._drawerOpen = false;
      };
      onChange();
      mq.addEventListener('change', onChange);
      this.#cleanups.push(() => mq.removeEventListener('change', onChange));
    }
    if (!this._catalog) void this.#loadCatalog();
  }

  /** The banners, the inbox and the dialogs are defined (`deferred.ts` has loaded). */
  @state() private _deferredReady = false;
  #deferredLoad: Promise<void> | undefined;
  /**
   * Loads `deferred.ts` once. Its elements are rendered only once defined, so each is created
   * with its properties set, as if it had always been there.
   */
  async #deferred(): Promise<ProjectFlowsController> {
    this.#deferredLoad ??= import('./deferred.ts').then(({ ProjectFlowsController }) => {
      this.#flows = new ProjectFlowsController(this, {
        workspace: () => this.workspace,
        services: () => this.services,
        session: () => this._session,
        locale: () => this.locale,
        announce: (text) => this.#announce(text),
        confirmDialog: async () => {
          await this.updateComplete;
          await this._confirm.updateComplete;
          return this._confirm;
        },
        projectsDialog: async () => {
          await this.updateComplete;
          await this._projectsDialog.updateComplete;
          return this._projectsDialog;
        },
      });
      this._deferredReady = true;
    });
    await this.#deferredLoad;
    await this.updateComplete;
    // Set by the load above.
    return this.#flows!;
  }

  protected override firstUpdated(): void {
    void this.#deferred();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    clearTimeout(this.#noticeTimer);
    this.workspace.flushDraft();
  }

  /** Opens a saved project, asking first when the current one has unsaved changes. */
  openWithConfirmation(id: string, name: string): Promise<void> {
    return this.#deferred().then((flows) => flows.openWithConfirmation(id, name));
  }

  // ——— data ———

  async #loadCatalog(): Promise<void> {
    this._catalogError = null;
    try {
      const catalog = await this.services.getCatalog();
      this._catalog = catalog;
      this._catalogIndex = indexCatalog(catalog);
      this.#catalogLoaded();
      this.#lookedUp.clear();
      void this.#lookUpUnknown();
    } catch (error) {
      this._catalogError = describeError(error);
    }
  }

  #onSession(state: SessionState): void {
    this._session = state;
    this.workspace.onSession(state);
    if ((state.status === 'visitor' || state.status === 'signed-in') && this._catalogError) {
      void this.#loadCatalog();
    }
    this.#flows?.onSession(state, this._projectsDialog ?? null);
  }

  #onWorkspace(state: WorkspaceState): void {
    this._ws = state;
    clearTimeout(this.#noticeTimer);
    const notice = state.notice;
    if (notice?.kind === 'success') {
      this.#noticeTimer = setTimeout(() => {
        if (this.workspace.state.notice === notice) this.workspace.dismissNotice();
      }, SUCCESS_NOTICE_MS);
    }
  }

  #onEditorChange(change: EditorChange): void {
    const items = this.workspace.design.items;
    if (change.kind === 'reset' || (this._selectedId && !items.some((i) => i.id === this._selectedId))) {
      this._selectedId = null;
      this._group = [];
    }
    if (change.kind === 'reset') void this.#lookUpUnknown();
    this.requestUpdate();
  }

  /** Catalog ids already looked up (found or not): each is asked once. */
  #lookedUp = new Set<string>();
  /** The list's server search: one function, so the list does not start again each render. */
  #search = (query: CatalogQuery) => this.services.searchCatalog(query);

  /**
   * Pieces of an opened project whose item the catalog no longer sells: looked up (sold or
   * not) and added to the index, so they keep their size and price and show "no longer sold".
   */
  async #lookUpUnknown(): Promise<void> {
    if (!this._catalog) return;
    const ids = unknownCatalogIds(this.workspace.design, this._catalogIndex).filter(
      (id) => !this.#lookedUp.has(id),
    );
    if (!ids.length) return;
    for (const id of ids) this.#lookedUp.add(id);
    try {
      this._catalogIndex = await withLookedUp(this._catalogIndex, ids, (batch) =>
        this.services.lookupCatalogItems(batch),
      );
    } catch {
      // Drawn as an unknown item, as before; the next opened project asks again.
      for (const id of ids) this.#lookedUp.delete(id);
    }
  }

  // ——— actions ———

  #onAction(action: PlannerAction): void {
    if (action.type === 'room-edit') {
      // Room edits load with the first one: the planner's first load does not carry them.
      void import('../room/room-editing.ts').then((m) =>
        this.#announce(m.runRoomEdit(this.workspace.editor, action.edit, this.locale, action.key)),
      );
      return;
    }
    const outcome = reduceAction(
      {
        design: this.workspace.design,
        catalog: this._catalogIndex,
        snap: this._snap,
        gridStep: this._gridStep,
        narrow: this._narrow,
        locale: this.locale,
        mod: MOD,
        newId: newItemId,
      },
      action,
    );
    this.#carryOut(outcome);
  }

  #carryOut(o: ActionOutcome): void {
    const edit = o.edit;
    if (edit && !this.workspace.editor.apply(edit.label, () => edit.next, edit.coalesceKey)) return;
    if (o.snap) {
      this._snap = o.snap.enabled;
      this._gridStep = o.snap.step;
    }
    if (o.select !== undefined) {
      this._selectedId = o.select;
      this._group = o.group ?? [];
    }
    if (o.closeDrawer) this._drawerOpen = false;
    if (o.focus === 'plan') void this.#focusPlan();
    else if (o.focus) void this.#focusItem(o.focus.item);
    if (o.announce) this.#announce(o.announce);
  }

  #onHeader(command: HeaderCommand): void {
    if (command === 'undo') this.#undo();
    else if (command === 'redo') this.#redo();
    else if (command === 'new') void this.#deferred().then((flows) => flows.newProject());
    else if (command === 'open') void this.#deferred().then((flows) => flows.showProjects());
    else void this.#save();
  }

  #onNotice(command: NoticeCommand): void {
    const ws = this.workspace;
    if (command === 'reload-theirs') ws.reloadTheirs().catch(() => {});
    else if (command === 'save-as-copy') ws.saveAsCopy().catch(() => {});
    else if (command === 'retry-save') void this.#save();
    else if (command === 'dismiss') ws.dismissNotice();
    else this.services.session.retry();
  }

  /** Focus follows the edit, once the plan shows it. */
  async #focusItem(id: string): Promise<void> {
    await this.updateComplete;
    await this._canvas?.focusItem(id);
  }

  async #focusPlan(): Promise<void> {
    await this.updateComplete;
    await this._canvas?.focusPlan();
  }

  async #toggle3d(): Promise<void> {
    if (this._view3d) {
      this._view3d = false;
      this.#announce(msg('Back to the 2D plan.'));
      return;
    }
    const opened = await import('../view3d/open.ts').then((m) => m.open3d());
    this._view3dError = opened.ok ? null : opened.message;
    this._view3d = opened.ok;
    this.#announce(opened.ok ? msg('Showing the room in 3D.') : opened.message);
  }

  #undo(): void {
    const label = this.workspace.editor.undo();
    this.#announce(label ? msg(str`Undone: ${label}.`) : msg('Nothing to undo.'));
  }

  #redo(): void {
    const label = this.workspace.editor.redo();
    this.#announce(label ? msg(str`Redone: ${label}.`) : msg('Nothing to redo.'));
  }

  async #save(): Promise<void> {
    try {
      await this.workspace.save();
    } catch {
      // The workspace shows a notice for every failure.
    }
  }

  async #openDrawer(): Promise<void> {
    this._drawerOpen = true;
    await this.updateComplete;
    await this._catalogEl?.focusSearch();
  }

  #closeDrawer(): void {
    this._drawerOpen = false;
    this._drawerToggle?.focus();
  }

  #announce(text: string): void {
    // Alternate a trailing space so the same sentence twice is still announced twice.
    this.#toggle = !this.#toggle;
    this._announcement = this.#toggle ? text : `${text}\u00a0`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workspace') && this.workspace) this._ws = this.workspace.state;
    if (changed.has('locale') && this.workspace) this.#unitsOf(this.locale);
  }

  /**
   * New rooms follow the locale's units; so does the blank room the planner opened with, as long
   * as the shopper has not touched it. A room someone drew or saved keeps its own unit.
   */
  #unitsOf(locale: string | undefined): void {
    const unit = unitForLocale(locale);
    setNewRoomUnit(unit);
    const { design, state } = this.workspace;
    if (!state.dirty && !state.project.id && design.items.length === 0 && design.room.unit !== unit)
      this.workspace.newProject();
  }

  // ——— rendering ———

  #warningsLater(): Map<string, ItemWarnings> {
    void loadWarnings().then(() => this.requestUpdate());
    return new Map<string, ItemWarnings>();
  }

  override render() {
    const ws = this._ws ?? this.workspace.state;
    const editor = this.workspace.editor;
    const design = this.workspace.design;
    const catalog = this._catalogIndex;
    // None until their code loads, right after the first paint (components/warnings-loader.ts).
    const warnings = warningsIfLoaded(design, catalog) ?? this.#warningsLater();
    const selected = this._selectedId ? (design.items.find((i) => i.id === this._selectedId) ?? null) : null;
    const names = new Map(design.items.map((i) => [i.id, itemName(catalog.get(i.catalog_id))]));
    const nameOf = (id: string) => names.get(id) ?? msg('an item');
    const drawer = this._narrow;
    const catalogHidden = drawer && !this._drawerOpen;

    return html`
      <div class="app">
        <planner-header
          .services=${this.services}
          .state=${ws}
          .session=${this._session}
          .canUndo=${editor.canUndo}
          .canRedo=${editor.canRedo}
          .undoLabel=${editor.undoLabel}
          .redoLabel=${editor.redoLabel}
          .locale=${this.locale}
          ?inbox=${this._deferredReady}
        ></planner-header>
        ${
          this._deferredReady
            ? html`<planner-notices .session=${this._session} .notice=${ws.notice} ?busy=${ws.busy !== null}></planner-notices>`
            : nothing
        }
        <div class="body">
          <aside
            class="catalog ${drawer ? 'drawer' : ''} ${this._drawerOpen ? 'open' : ''}"
            aria-label=${msg('Furniture catalog')}
            ?inert=${catalogHidden}
          >
            <div class="catalog-inner">
              <div class="catalog-head">
                <h2>${msg('Furniture')}</h2>
                ${
                  drawer
                    ? html`<button type="button" class="btn quiet icon" aria-label=${msg('Close the catalog')} @click=${() => this.#closeDrawer()}>
                      ${icon('close', 16)}
                    </button>`
                    : nothing
                }
              </div>
              <planner-catalog
                .catalog=${this._catalog}
                .search=${this.#search}
                .error=${this._catalogError}
                .symbolUrl=${(r: string) => this.services.symbolUrl(r)}
                .unit=${design.room.unit}
                .locale=${this.locale}
                ?add-disabled=${design.items.length >= MAX_ITEMS}
                @planner-catalog-retry=${() => this.#loadCatalog()}
              ></planner-catalog>
            </div>
          </aside>
          ${drawer && this._drawerOpen ? html`<div class="scrim" @click=${() => this.#closeDrawer()}></div>` : nothing}
          <!-- Named: the host page has a banner and a main of its own, and landmarks must differ. -->
          <main class="main" aria-label=${msg('Room planner')}>
            <div class="toolbar">
              ${
                drawer
                  ? html`<button
                    type="button"
                    class="btn primary drawer-toggle"
                    aria-expanded=${this._drawerOpen ? 'true' : 'false'}
                    @click=${() => this.#openDrawer()}
                  >
                    ${icon('plus', 16)} ${msg('Add furniture')}
                  </button>`
                  : nothing
              }
              <button type="button" class="btn view-toggle" aria-pressed=${this._view3d ? 'true' : 'false'} @click=${() => this.#toggle3d()}>
                ${msg('3D view')}
              </button>
              <planner-room-bar
                .room=${design.room}
                ?snap-enabled=${this._snap}
                grid-step=${this._gridStep}
                .locale=${this.locale}
              ></planner-room-bar>
            </div>
            ${this._view3dError ? html`<p class="muted" role="note">${this._view3dError}</p>` : nothing}
            ${
              this._view3d
                ? html`<planner-view3d
                  .design=${design}
                  .catalog=${catalog}
                  .selectedId=${this._selectedId}
                  .locale=${this.locale}
                  @planner-announce=${(e: CustomEvent<string>) => this.#announce(e.detail)}
                  @planner-view3d-unavailable=${(e: CustomEvent<Error>) => {
                    this._view3d = false;
                    this._view3dError = e.detail.message;
                    this.#announce(e.detail.message);
                  }}
                ></planner-view3d>`
                : html`<planner-canvas
              .design=${design}
              .catalog=${catalog}
              ?catalog-ready=${this._catalog !== null}
              .selectedId=${this._selectedId}
              .group=${this._group}
              ?snap-enabled=${this._snap}
              grid-step=${this._gridStep}
              .symbolUrl=${(r: string) => this.services.symbolUrl(r)}
              .locale=${this.locale}
            ></planner-canvas>`
            }
            <div class="card inspector">
              <planner-inspector
                .item=${selected}
                .catalog=${catalog}
                .warnings=${selected ? warnings.get(selected.id) : undefined}
                .nameOf=${nameOf}
                .unit=${design.room.unit}
                .locale=${this.locale}
              ></planner-inspector>
            </div>
            ${this.#renderSummary(ws, warnings.size)}
            <planner-shopping-list .items=${design.items} .catalog=${catalog} .services=${this.services} .locale=${this.locale}></planner-shopping-list>
          </main>
        </div>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
        ${this.#flows ? html`<ui-confirm-dialog></ui-confirm-dialog>${this.#flows.render(ws.project.id)}` : nothing}
      </div>
    `;
  }

  #renderSummary(ws: WorkspaceState, warned: number) {
    const items = this.workspace.design.items;
    const total = priceTotal(items, this._catalogIndex);
    return html`
      <footer class="summary">
        <div class="counts">
          <span>${items.length === 1 ? msg('1 piece') : msg(str`${items.length} pieces`)}</span>
          ${
            warned > 0
              ? html`<span class="warned">${icon('alert', 14)} ${warned === 1 ? msg('1 needs attention') : msg(str`${warned} need attention`)}</span>`
              : nothing
          }
          ${ws.draftPersistent ? nothing : html`<span class="muted">${msg('Drafts cannot be stored in this browser')}</span>`}
        </div>
        <div class="total">
          <span class="label">${msg('Total')}</span>
          <output aria-live="off">${this._catalog ? formatTotal(total, this.locale) : '—'}</output>
          ${total.unpriced > 0 ? html`<span class="muted">${msg(str`(${total.unpriced} without a price)`)}</span>` : nothing}
        </div>
      </footer>
    `;
  }

  static override styles = appStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-app': PlannerApp;
  }
}
