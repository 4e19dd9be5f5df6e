import { localized, msg, str } from '@lit/localize';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { itemName } from '../editor/describe.ts';
import { type CatalogIndex, MAX_ITEMS } from '../editor/design.ts';
import type { EditorChange } from '../editor/editor.ts';
import { newItemId } from '../editor/ids.ts';
import { DEFAULT_GRID_STEP } from '../editor/snap.ts';
import type { ItemWarnings } from '../editor/warnings.ts';
import { followLocaleUnits } from '../project/locale-units.ts';
import type { Workspace } from '../project/workspace.ts';
import type { PlannerServices, SessionState } from '../services.ts';
import { view3dText } from '../text/view3d-text.ts';
import { type ActionOutcome, reduceAction } from './action-reducer.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import { Announcer } from './announcer.ts';
import {
  HEADER_COMMAND_EVENT,
  type HeaderCommand,
  NOTICE_COMMAND_EVENT,
  type NoticeCommand,
  RENAME_EVENT,
} from './app-events.ts';
import { renderCatalogAside } from './catalog-aside.ts';
import { CatalogController } from './catalog-controller.ts';
import { DeferredLoader } from './deferred-loader.ts';
import { DrawerController } from './drawer-controller.ts';
import { MOD } from './keys.ts';
import { appStyles } from './planner-app.styles.ts';
import type { PlannerCanvas } from './planner-canvas.ts';
import type { PlannerCatalog } from './planner-catalog.ts';
import type { PlannerProjectsDialog } from './planner-projects-dialog.ts';
import { ShortcutsController } from './shortcuts-controller.ts';
import { renderSummary } from './summary.ts';
import { renderToolbar } from './toolbar.ts';
import { View3dController } from './view3d-controller.ts';
import { loadWarnings, warningsIfLoaded } from './warnings-loader.ts';
import { WorkspaceController } from './workspace-controller.ts';
import './planner-canvas.ts';
import './planner-catalog.ts';
import './planner-header.ts';

/**
 * The whole planner: header, banners, catalog, room settings, plan, selection panel and
 * price total. It applies every `planner-action` from its children to the workspace's
 * editor (the rules are in `action-reducer.ts`), keeps the selection, and routes the header's
 * and the banners' commands. Each other job is a controller of its own: the workspace's state
 * and notices (`workspace-controller.ts`), the catalog (`catalog-controller.ts`), the drawer
 * (`drawer-controller.ts`), the 3D view (`view3d-controller.ts`), the live region
 * (`announcer.ts`), the keyboard shortcuts and the project flows; the catalog column, the toolbar and the
 * summary are template functions (`catalog-aside.ts`, `toolbar.ts`, `summary.ts`), the layout's CSS is
 * `planner-app.styles.ts`.
 *
 * The banners, the inbox, the dialogs and the inspector are not needed for the first paint: they load right
 * after it, in one lazy chunk (`deferred.ts`, see `deferred-loader.ts`); their elements are in
 * the template from the moment they are defined, and a flow that needs a dialog waits for it.
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
  @state() private _selectedId: string | null = null;
  /** Every selected piece when there are several (multi-select), else empty; kept across 2D and 3D. */
  @state() private _group: readonly string[] = [];
  @state() private _snap = true;
  @state() private _gridStep = DEFAULT_GRID_STEP;

  @query('planner-canvas') private _canvas!: PlannerCanvas;
  @query('planner-catalog') private _catalogEl!: PlannerCatalog;
  @query('ui-confirm-dialog') private _confirm!: ConfirmDialog;
  @query('planner-projects-dialog') private _projectsDialog!: PlannerProjectsDialog;
  @query('.drawer-toggle') private _drawerToggle!: HTMLButtonElement | null;

  /** What the live region says. */
  readonly #announcer = new Announcer(this);
  /** The workspace's state, its editor's changes and its notices' timing. */
  readonly #ws = new WorkspaceController(
    this,
    () => this.workspace,
    (change) => this.#onEditorChange(change),
  );
  /** The catalog as a drawer on narrow screens (`drawer-controller.ts`). */
  readonly #drawer = new DrawerController(this, {
    focusContent: () => this._catalogEl?.focusSearch(),
    toggle: () => this._drawerToggle,
  });
  /** The 3D view, opened and closed by its toggle (`view3d-controller.ts`). */
  readonly #view3d = new View3dController(this, (text) => this.#announce(text));

  /** What loads after the first paint, with the project flows (new, open, delete). */
  readonly #deferred = new DeferredLoader(this, {
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

  /** The catalog, its index and its loading (`catalog-controller.ts`). */
  readonly #catalog = new CatalogController(this, {
    services: () => this.services,
    workspace: () => this.workspace,
  });

  /** The catalog as loaded, by item id (empty until it is). */
  get catalogIndex(): CatalogIndex {
    return this.#catalog.index;
  }
  /** Resolves once the catalog has loaded (for host commands that need it). */
  get catalogLoaded(): Promise<void> {
    return this.#catalog.loaded;
  }

  #cleanups: (() => void)[] = [];

  constructor() {
    super();
    new ShortcutsController(this, {
      save: () => void this.#save(),
      undo: () => this.#undo(),
      redo: () => this.#redo(),
      escape: () => {
        if (!this.#drawer.isOpen) return false;
        this.#drawer.close();
        return true;
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#cleanups.push(this.services.session.subscribe((s) => this.#onSession(s)));
    this.#listen(ACTION_EVENT, (e) => this.#onAction((e as PlannerActionEvent).action));
    this.#listen(HEADER_COMMAND_EVENT, (e) => this.#onHeader((e as CustomEvent<HeaderCommand>).detail));
    this.#listen(RENAME_EVENT, (e) => this.workspace.rename((e as CustomEvent<string>).detail));
    this.#listen(NOTICE_COMMAND_EVENT, (e) => this.#onNotice((e as CustomEvent<NoticeCommand>).detail));
  }

  /** Listens on the element until it is disconnected. */
  #listen(type: string, listener: (e: Event) => void): void {
    this.addEventListener(type, listener);
    this.#cleanups.push(() => this.removeEventListener(type, listener));
  }

  protected override firstUpdated(): void {
    void this.#deferred.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  /** Opens a saved project, asking first when the current one has unsaved changes. */
  openWithConfirmation(id: string, name: string): Promise<void> {
    return this.#deferred.load().then((flows) => flows.openWithConfirmation(id, name));
  }

  // ——— data ———

  #onSession(state: SessionState): void {
    this._session = state;
    this.workspace.onSession(state);
    if (state.status === 'visitor' || state.status === 'signed-in') this.#catalog.retryIfFailed();
    this.#deferred.flows?.onSession(state, this._projectsDialog ?? null);
  }

  #onEditorChange(change: EditorChange): void {
    const items = this.workspace.design.items;
    if (change.kind === 'reset' || (this._selectedId && !items.some((i) => i.id === this._selectedId))) {
      this._selectedId = null;
      this._group = [];
    }
    if (change.kind === 'reset') void this.#catalog.lookUpUnknown();
    this.requestUpdate();
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
        catalog: this.#catalog.index,
        snap: this._snap,
        gridStep: this._gridStep,
        narrow: this.#drawer.narrow,
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
    if (o.closeDrawer) this.#drawer.dismiss();
    if (o.focus === 'plan') void this.#focusPlan();
    else if (o.focus) void this.#focusItem(o.focus.item);
    if (o.announce) this.#announce(o.announce);
  }

  #onHeader(command: HeaderCommand): void {
    if (command === 'undo') this.#undo();
    else if (command === 'redo') this.#redo();
    else if (command === 'new') void this.#deferred.load().then((flows) => flows.newProject());
    else if (command === 'open') void this.#deferred.load().then((flows) => flows.showProjects());
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

  #announce(text: string): void {
    this.#announcer.announce(text);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workspace') && this.workspace) this.#ws.reset();
    if (changed.has('locale') && this.workspace) followLocaleUnits(this.workspace, this.locale);
  }

  // ——— rendering ———

  #warningsLater(): Map<string, ItemWarnings> {
    void loadWarnings().then(() => this.requestUpdate());
    return new Map<string, ItemWarnings>();
  }

  override render() {
    const ws = this.#ws.state;
    const editor = this.workspace.editor;
    const design = this.workspace.design;
    const catalog = this.#catalog.index;
    // None until their code loads, right after the first paint (components/warnings-loader.ts).
    const warnings = warningsIfLoaded(design, catalog) ?? this.#warningsLater();
    const selected = this._selectedId ? (design.items.find((i) => i.id === this._selectedId) ?? null) : null;
    const names = new Map(design.items.map((i) => [i.id, itemName(catalog.get(i.catalog_id))]));
    const nameOf = (id: string) => names.get(id) ?? msg('an item');
    const flows = this.#deferred.flows;

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
          ?inbox=${this.#deferred.ready}
        ></planner-header>
        ${
          this.#deferred.ready
            ? html`<planner-notices .session=${this._session} .notice=${ws.notice} ?busy=${ws.busy !== null}></planner-notices>`
            : nothing
        }
        <div class="body">
          ${renderCatalogAside({
            catalog: this.#catalog,
            drawer: this.#drawer,
            symbolUrl: (r: string) => this.services.symbolUrl(r),
            unit: design.room.unit,
            locale: this.locale,
            full: design.items.length >= MAX_ITEMS,
          })}
          <!-- Named: the host page has a banner and a main of its own, and landmarks must differ. -->
          <main class="main" aria-label=${msg('Room planner')}>
            ${renderToolbar({
              drawer: this.#drawer,
              view3d: this.#view3d,
              room: design.room,
              snap: this._snap,
              gridStep: this._gridStep,
              locale: this.locale,
            })}
            ${this.#view3d.error ? html`<p class="muted" role="note">${this.#view3d.error}</p>` : nothing}
            ${
              this.#view3d.isOpen
                ? html`<planner-view3d
                  .design=${design}
                  .text=${view3dText()}
                  .catalog=${catalog}
                  .selectedId=${this._selectedId}
                  .locale=${this.locale}
                  @planner-announce=${(e: CustomEvent<string>) => this.#announce(e.detail)}
                  @planner-view3d-unavailable=${() => this.#view3d.unavailable()}
                ></planner-view3d>`
                : html`<planner-canvas
              .design=${design}
              .catalog=${catalog}
              ?catalog-ready=${this.#catalog.catalog !== null}
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
            ${renderSummary({
              items: design.items,
              catalog,
              catalogLoaded: this.#catalog.catalog !== null,
              warned: warnings.size,
              draftPersistent: ws.draftPersistent,
              locale: this.locale,
            })}
            <planner-shopping-list .items=${design.items} .catalog=${catalog} .services=${this.services} .locale=${this.locale}></planner-shopping-list>
          </main>
        </div>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.#announcer.text}</div>
        ${flows ? html`<ui-confirm-dialog></ui-confirm-dialog>${flows.render(ws.project.id)}` : nothing}
      </div>
    `;
  }

  static override styles = appStyles;
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-app': PlannerApp;
  }
}
