import { PROJECT_LIMITS, type ProjectSummary } from '@planner/contract';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  addItem,
  duplicateItem,
  moveItem,
  removeItem,
  rotateItem,
  rotateItemBy,
  setRoom,
} from '../editor/commands.ts';
import { formatAngle, itemName } from '../editor/describe.ts';
import {
  type Catalog,
  type CatalogIndex,
  indexCatalog,
  MAX_ITEMS,
  type PlacedItem,
} from '../editor/design.ts';
import type { EditorChange } from '../editor/editor.ts';
import { footprint } from '../editor/footprint.ts';
import { newItemId } from '../editor/ids.ts';
import { findFreeSpot } from '../editor/placement.ts';
import { formatTotal, priceTotal } from '../editor/price.ts';
import { DEFAULT_GRID_STEP, snapItemCentre } from '../editor/snap.ts';
import { formatLength } from '../editor/units.ts';
import { computeWarnings } from '../editor/warnings.ts';
import { describeError } from '../project/describe-error.ts';
import type { Workspace, WorkspaceState } from '../project/workspace.ts';
import type { PlannerServices, SessionState } from '../services.ts';
import { ACTION_EVENT, type PlannerAction, type PlannerActionEvent } from './actions.ts';
import { icon } from './icons.ts';
import type { PlannerCanvas } from './planner-canvas.ts';
import type { PlannerCatalog } from './planner-catalog.ts';
import type { PlannerConfirmDialog } from './planner-confirm-dialog.ts';
import type { PlannerProjectsDialog, ProjectEvent } from './planner-projects-dialog.ts';
import { base, tokens } from './styles.ts';
import './planner-canvas.ts';
import './planner-catalog.ts';
import './planner-confirm-dialog.ts';
import './planner-inbox.ts';
import './planner-inspector.ts';
import './planner-projects-dialog.ts';
import './planner-room-bar.ts';
import './planner-session-status.ts';

/** Below this width the catalog becomes a drawer. */
const NARROW_QUERY = '(max-width: 759px)';
const SUCCESS_NOTICE_MS = 4000;

/**
 * The whole planner: header (project name, save state, session, undo/redo, new/open/save),
 * catalog, room settings, plan, selection panel and price total. It applies every
 * `planner-action` from its children to the workspace's editor, keeps the selection, and
 * announces what happened in a live region.
 *
 * Give it `services` and `workspace` before connecting it (see `mountPlanner`).
 */
@customElement('planner-app')
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
  @state() private _snap = true;
  @state() private _gridStep = DEFAULT_GRID_STEP;
  @state() private _narrow = false;
  @state() private _drawerOpen = false;
  @state() private _projects: ProjectSummary[] | null = null;
  @state() private _projectsLoading = false;
  @state() private _projectsError: string | null = null;
  @state() private _deletingId: string | null = null;
  @state() private _announcement = '';

  @query('planner-canvas') private _canvas!: PlannerCanvas;
  @query('planner-catalog') private _catalogEl!: PlannerCatalog;
  @query('planner-confirm-dialog') private _confirm!: PlannerConfirmDialog;
  @query('planner-projects-dialog') private _projectsDialog!: PlannerProjectsDialog;
  @query('.drawer-toggle') private _drawerToggle!: HTMLButtonElement | null;

  #cleanups: (() => void)[] = [];
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #toggle = false;

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
    const onKey = (e: KeyboardEvent) => this.#onKeyDown(e);
    this.addEventListener(ACTION_EVENT, onAction);
    this.addEventListener('keydown', onKey);
    this.#cleanups.push(() => {
      this.removeEventListener(ACTION_EVENT, onAction);
      this.removeEventListener('keydown', onKey);
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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    clearTimeout(this.#noticeTimer);
    this.workspace.flushDraft();
  }

  /** Opens a saved project, asking first when the current one has unsaved changes. */
  async openWithConfirmation(id: string, name: string): Promise<void> {
    const ws = this.workspace;
    if (ws.state.dirty && ws.state.project.id !== id) {
      const ok = await this._confirm.ask({
        title: 'Discard unsaved changes?',
        message: `“${ws.state.project.name}” has changes that are not saved. Opening “${name}” discards them.`,
        confirmLabel: 'Discard and open',
        cancelLabel: 'Keep editing',
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await ws.open(id);
      this.#announce(`Opened ${name}.`);
    } catch {
      // The workspace shows why.
    }
  }

  // ——— data ———

  async #loadCatalog(): Promise<void> {
    this._catalogError = null;
    try {
      const catalog = await this.services.getCatalog();
      this._catalog = catalog;
      this._catalogIndex = indexCatalog(catalog);
    } catch (error) {
      this._catalogError = describeError(error);
    }
  }

  async #loadProjects(): Promise<void> {
    this._projectsLoading = true;
    this._projectsError = null;
    try {
      this._projects = await this.workspace.listProjects();
    } catch (error) {
      this._projectsError = `Your projects could not be loaded. ${describeError(error)}`;
    } finally {
      this._projectsLoading = false;
    }
  }

  #onSession(state: SessionState): void {
    this._session = state;
    this.workspace.onSession(state);
    if ((state.status === 'visitor' || state.status === 'signed-in') && this._catalogError) {
      void this.#loadCatalog();
    }
    if (state.status === 'visitor' && this._projectsDialog?.open) this._projectsDialog.close();
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
    }
    this.requestUpdate();
  }

  // ——— actions ———

  #name(id: string): string {
    const item = this.workspace.design.items.find((i) => i.id === id);
    return itemName(item ? this._catalogIndex.get(item.catalog_id) : undefined);
  }

  #where(item: PlacedItem): string {
    const { box } = footprint(item, this._catalogIndex);
    const unit = this.workspace.design.room.unit;
    const len = (cm: number) => formatLength(cm, unit, this.locale);
    return `${len(box.minX)} from the left, ${len(box.minY)} from the top`;
  }

  #item(id: string): PlacedItem | undefined {
    return this.workspace.design.items.find((i) => i.id === id);
  }

  #onAction(action: PlannerAction): void {
    const editor = this.workspace.editor;
    const catalog = this._catalogIndex;
    const step = this._snap ? this._gridStep : 0;
    switch (action.type) {
      case 'select':
        this._selectedId = action.id;
        if (action.id === null) void this.#focusPlan();
        return;
      case 'add': {
        const c = catalog.get(action.catalogId);
        if (!c) return;
        if (this.workspace.design.items.length >= MAX_ITEMS) {
          this.#announce(`The room already holds ${MAX_ITEMS} pieces, the most it can.`);
          return;
        }
        const at = action.at
          ? step
            ? snapItemCentre(action.at.x, action.at.y, c.width_cm, c.depth_cm, 0, step)
            : action.at
          : findFreeSpot(this.workspace.design, c, catalog, step || 1);
        const id = newItemId();
        editor.apply(`Add ${c.name}`, (d) => addItem(d, c.id, at, id));
        this._selectedId = id;
        if (this._narrow) this._drawerOpen = false;
        void this.#focusItem(id);
        const added = this.#item(id);
        this.#announce(`Added ${c.name}${added ? `, ${this.#where(added)}` : ''}.`);
        return;
      }
      case 'move': {
        const name = this.#name(action.id);
        if (editor.apply(`Move ${name}`, (d) => moveItem(d, action.id, action.x, action.y))) {
          const moved = this.#item(action.id);
          if (moved) this.#announce(`Moved ${name}, ${this.#where(moved)}.`);
        }
        return;
      }
      case 'nudge': {
        const item = this.#item(action.id);
        if (!item) return;
        const distance = (step || 1) * (action.large ? 10 : 1);
        let x = item.x + action.dx * distance;
        let y = item.y + action.dy * distance;
        const c = catalog.get(item.catalog_id);
        if (step && c) ({ x, y } = snapItemCentre(x, y, c.width_cm, c.depth_cm, item.rotation, step));
        const name = this.#name(action.id);
        if (editor.apply(`Move ${name}`, (d) => moveItem(d, action.id, x, y), `move:${action.id}`)) {
          const moved = this.#item(action.id);
          if (moved) this.#announce(`${name}, ${this.#where(moved)}.`);
        }
        return;
      }
      case 'rotate':
      case 'rotate-by': {
        const name = this.#name(action.id);
        const edit =
          action.type === 'rotate'
            ? (d: typeof this.workspace.design) => rotateItem(d, action.id, action.rotation)
            : (d: typeof this.workspace.design) => rotateItemBy(d, action.id, action.degrees);
        const key = action.type === 'rotate-by' ? `rotate:${action.id}` : undefined;
        if (editor.apply(`Rotate ${name}`, edit, key)) {
          const rotated = this.#item(action.id);
          if (rotated) this.#announce(`Rotated ${name} to ${formatAngle(rotated.rotation, this.locale)}.`);
        }
        return;
      }
      case 'duplicate': {
        if (this.workspace.design.items.length >= MAX_ITEMS) {
          this.#announce(`The room already holds ${MAX_ITEMS} pieces, the most it can.`);
          return;
        }
        const name = this.#name(action.id);
        const id = newItemId();
        if (editor.apply(`Duplicate ${name}`, (d) => duplicateItem(d, action.id, catalog, id))) {
          this._selectedId = id;
          void this.#focusItem(id);
          this.#announce(`Duplicated ${name}.`);
        }
        return;
      }
      case 'delete': {
        const name = this.#name(action.id);
        const items = this.workspace.design.items;
        const index = items.findIndex((i) => i.id === action.id);
        const next = items[index + 1] ?? items[index - 1];
        if (editor.apply(`Delete ${name}`, (d) => removeItem(d, action.id))) {
          this._selectedId = null;
          if (next) void this.#focusItem(next.id);
          else void this.#focusPlan();
          this.#announce(`Deleted ${name}. Undo with ${MOD}Z.`);
        }
        return;
      }
      case 'room': {
        const { patch } = action;
        const label = patch.unit
          ? `Show lengths in ${patch.unit === 'm' ? 'metres' : 'centimetres'}`
          : 'Resize the room';
        if (editor.apply(label, (d) => setRoom(d, patch))) {
          const r = this.workspace.design.room;
          this.#announce(
            patch.unit
              ? `${label}.`
              : `The room is now ${formatLength(r.width_cm, r.unit, this.locale)} by ${formatLength(r.depth_cm, r.unit, this.locale)}.`,
          );
        }
        return;
      }
      case 'snap':
        this._snap = action.enabled;
        this._gridStep = action.step;
        this.#announce(action.enabled ? `Snapping to a ${action.step} cm grid.` : 'Snapping off.');
        return;
    }
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
    this.#announce(label ? `Undone: ${label}.` : 'Nothing to undo.');
  }

  #redo(): void {
    const label = this.workspace.editor.redo();
    this.#announce(label ? `Redone: ${label}.` : 'Nothing to redo.');
  }

  async #save(): Promise<void> {
    try {
      await this.workspace.save();
    } catch {
      // The workspace shows a notice for every failure.
    }
  }

  async #newProject(): Promise<void> {
    const ws = this.workspace;
    if (ws.state.dirty) {
      const ok = await this._confirm.ask({
        title: 'Start a new project?',
        message: `“${ws.state.project.name}” has changes that are not saved. A new project discards them.`,
        confirmLabel: 'Discard and start new',
        cancelLabel: 'Keep editing',
        danger: true,
      });
      if (!ok) return;
    }
    ws.newProject();
    this.#announce('Started a new, empty project.');
  }

  async #showProjects(): Promise<void> {
    const s = this._session;
    if (s.status === 'connecting') {
      this.#announce('Still connecting to the shop; try again in a moment.');
      return;
    }
    if (s.status === 'visitor' || (s.status === 'refreshing' && s.previous === 'visitor')) {
      this.services.requestLogin('open');
      this.#announce('Log in on the shop to see your saved projects.');
      return;
    }
    this._projects = null;
    await this._projectsDialog.show();
    await this.#loadProjects();
  }

  async #onProjectOpen(e: ProjectEvent): Promise<void> {
    this._projectsDialog.close();
    await this.openWithConfirmation(e.detail.id, e.detail.name);
  }

  async #onProjectDelete(e: ProjectEvent): Promise<void> {
    this._deletingId = e.detail.id;
    try {
      await this.workspace.deleteProject(e.detail.id);
      this.#announce(`Deleted the project ${e.detail.name}.`);
      this._projects = this._projects?.filter((p) => p.id !== e.detail.id) ?? null;
    } catch {
      this._projectsError = this.workspace.state.notice?.message ?? 'The project could not be deleted.';
    } finally {
      this._deletingId = null;
    }
  }

  #onKeyDown(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const target = e.composedPath()[0];
    if (mod && key === 's') {
      e.preventDefault();
      void this.#save();
      return;
    }
    if (mod && !e.altKey && (key === 'z' || key === 'y')) {
      // In a text field the browser's own undo applies to the text.
      if (isTextField(target)) return;
      e.preventDefault();
      if (key === 'y' || e.shiftKey) this.#redo();
      else this.#undo();
      return;
    }
    if (e.key === 'Escape' && this._drawerOpen) {
      e.preventDefault();
      this.#closeDrawer();
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
  }

  // ——— rendering ———

  override render() {
    const ws = this._ws ?? this.workspace.state;
    const editor = this.workspace.editor;
    const design = this.workspace.design;
    const catalog = this._catalogIndex;
    const warnings = computeWarnings(design, catalog);
    const selected = this._selectedId ? (design.items.find((i) => i.id === this._selectedId) ?? null) : null;
    const names = new Map(design.items.map((i) => [i.id, itemName(catalog.get(i.catalog_id))]));
    const nameOf = (id: string) => names.get(id) ?? 'an item';
    const drawer = this._narrow;
    const catalogHidden = drawer && !this._drawerOpen;

    return html`
      <div class="app">
        ${this.#renderHeader(ws, editor.canUndo, editor.canRedo, editor.undoLabel, editor.redoLabel)}
        ${this.#renderSessionBanner()} ${this.#renderNotice(ws)}
        <div class="body">
          <aside
            class="catalog ${drawer ? 'drawer' : ''} ${this._drawerOpen ? 'open' : ''}"
            aria-label="Furniture catalog"
            ?inert=${catalogHidden}
          >
            <div class="catalog-inner">
              <div class="catalog-head">
                <h2>Furniture</h2>
                ${
                  drawer
                    ? html`<button type="button" class="btn quiet icon" aria-label="Close the catalog" @click=${() => this.#closeDrawer()}>
                      ${icon('close', 16)}
                    </button>`
                    : nothing
                }
              </div>
              <planner-catalog
                .catalog=${this._catalog}
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
          <main class="main">
            <div class="toolbar">
              ${
                drawer
                  ? html`<button
                    type="button"
                    class="btn primary drawer-toggle"
                    aria-expanded=${this._drawerOpen ? 'true' : 'false'}
                    @click=${() => this.#openDrawer()}
                  >
                    ${icon('plus', 16)} Add furniture
                  </button>`
                  : nothing
              }
              <planner-room-bar
                .room=${design.room}
                ?snap-enabled=${this._snap}
                grid-step=${this._gridStep}
                .locale=${this.locale}
              ></planner-room-bar>
            </div>
            <planner-canvas
              .design=${design}
              .catalog=${catalog}
              ?catalog-ready=${this._catalog !== null}
              .selectedId=${this._selectedId}
              ?snap-enabled=${this._snap}
              grid-step=${this._gridStep}
              .symbolUrl=${(r: string) => this.services.symbolUrl(r)}
              .locale=${this.locale}
            ></planner-canvas>
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
          </main>
        </div>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
        <planner-confirm-dialog></planner-confirm-dialog>
        <planner-projects-dialog
          .projects=${this._projects}
          ?loading=${this._projectsLoading}
          .error=${this._projectsError}
          .currentId=${ws.project.id}
          .deletingId=${this._deletingId}
          .locale=${this.locale}
          @planner-project-open=${(e: ProjectEvent) => this.#onProjectOpen(e)}
          @planner-project-delete=${(e: ProjectEvent) => this.#onProjectDelete(e)}
          @planner-projects-refresh=${() => this.#loadProjects()}
        ></planner-projects-dialog>
      </div>
    `;
  }

  #renderHeader(
    ws: WorkspaceState,
    canUndo: boolean,
    canRedo: boolean,
    undoLabel: string | undefined,
    redoLabel: string | undefined,
  ) {
    const saving = ws.busy === 'saving';
    const state = saving
      ? { cls: 'busy', text: 'Saving…' }
      : ws.dirty
        ? { cls: 'dirty', text: 'Unsaved changes' }
        : ws.project.id
          ? { cls: 'clean', text: `Saved${ws.project.version ? ` · v${ws.project.version}` : ''}` }
          : { cls: 'new', text: 'Not saved yet' };
    const s = this._session;
    const visitor = s.status === 'visitor' || (s.status === 'refreshing' && s.previous === 'visitor');
    return html`
      <header class="top">
        <div class="project">
          <span class="logo" aria-hidden="true">${icon('logo', 20)}</span>
          <div class="name-wrap">
            <label class="sr-only" for="project-name">Project name</label>
            <input
              id="project-name"
              class="name"
              type="text"
              maxlength=${PROJECT_LIMITS.nameMaxLength}
              autocomplete="off"
              spellcheck="false"
              .value=${live(ws.project.name)}
              @input=${(e: Event) => this.workspace.rename((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
              }}
            />
            <span class="save-state ${state.cls}" role="status">
              <span class="dot" aria-hidden="true"></span>${state.text}
            </span>
          </div>
        </div>
        <planner-session-status
          .state=${s}
          .retryButton=${false}
          @planner-session-retry=${() => this.services.session.retry()}
        ></planner-session-status>
        <planner-inbox .services=${this.services} .locale=${this.locale}></planner-inbox>
        <div class="actions" role="toolbar" aria-label="Project">
          <div class="group">
            <button
              type="button"
              class="btn quiet icon"
              ?disabled=${!canUndo}
              aria-label=${undoLabel ? `Undo ${undoLabel}` : 'Undo'}
              title=${`${undoLabel ? `Undo ${undoLabel}` : 'Undo'} (${MOD}Z)`}
              @click=${() => this.#undo()}
            >
              ${icon('undo')}
            </button>
            <button
              type="button"
              class="btn quiet icon"
              ?disabled=${!canRedo}
              aria-label=${redoLabel ? `Redo ${redoLabel}` : 'Redo'}
              title=${`${redoLabel ? `Redo ${redoLabel}` : 'Redo'} (${MOD}Shift+Z)`}
              @click=${() => this.#redo()}
            >
              ${icon('redo')}
            </button>
          </div>
          <div class="group">
            <button type="button" class="btn quiet" title="New project" @click=${() => this.#newProject()}>
              ${icon('file', 17)}<span class="text">New</span>
            </button>
            <button type="button" class="btn quiet" title="Open a saved project" @click=${() => this.#showProjects()}>
              ${icon('folder', 17)}<span class="text">Open</span>
            </button>
          </div>
          <button
            type="button"
            class="btn primary save"
            ?disabled=${saving}
            title=${visitor ? 'Log in on the shop to save' : `Save (${MOD}S)`}
            @click=${() => this.#save()}
          >
            ${icon('save', 17)}<span class="text">${saving ? 'Saving…' : 'Save'}</span>
          </button>
        </div>
      </header>
    `;
  }

  #renderSessionBanner() {
    const s = this._session;
    if (s.status === 'refused') {
      return html`
        <div class="banner error" role="alert">
          ${icon('alert', 18)}
          <p>
            <strong>This page is not allowed to embed the planner.</strong> ${s.message} You can still sketch here,
            but nothing can be loaded or saved.
          </p>
        </div>
      `;
    }
    if (s.status === 'renew-failed') {
      return html`
        <div class="banner error" role="alert">
          ${icon('alert', 18)}
          <p>
            <strong>Your session could not be renewed.</strong> ${s.message} Your design is safe on this device.
          </p>
          <button type="button" class="btn small" @click=${() => this.services.session.retry()}>
            ${icon('refresh', 14)} Retry
          </button>
        </div>
      `;
    }
    return nothing;
  }

  #renderNotice(ws: WorkspaceState) {
    const n = ws.notice;
    if (!n) return nothing;
    const alert = n.kind === 'error' || n.kind === 'conflict';
    const busy = ws.busy !== null;
    const iconName =
      n.kind === 'success' ? 'check' : n.kind === 'info' || n.kind === 'login' ? 'info' : 'alert';
    return html`
      <div class="banner ${n.kind}" role=${alert ? 'alert' : 'status'}>
        ${icon(iconName, 18)}
        <p>${n.message}</p>
        <div class="banner-actions">
          ${
            n.kind === 'conflict'
              ? html`
                <button
                  type="button"
                  class="btn small"
                  ?disabled=${busy}
                  @click=${() => this.workspace.reloadTheirs().catch(() => {})}
                >
                  Reload theirs
                </button>
                <button
                  type="button"
                  class="btn small primary"
                  ?disabled=${busy}
                  @click=${() => this.workspace.saveAsCopy().catch(() => {})}
                >
                  Keep mine (save as a copy)
                </button>
              `
              : nothing
          }
          ${
            n.kind === 'error' && n.retry === 'save'
              ? html`<button type="button" class="btn small" ?disabled=${busy} @click=${() => this.#save()}>Try again</button>`
              : nothing
          }
          <button
            type="button"
            class="btn quiet icon small dismiss"
            aria-label="Dismiss this message"
            @click=${() => this.workspace.dismissNotice()}
          >
            ${icon('close', 14)}
          </button>
        </div>
      </div>
    `;
  }

  #renderSummary(ws: WorkspaceState, warned: number) {
    const items = this.workspace.design.items;
    const total = priceTotal(items, this._catalogIndex);
    return html`
      <footer class="summary">
        <div class="counts">
          <span>${items.length} ${items.length === 1 ? 'piece' : 'pieces'}</span>
          ${
            warned > 0
              ? html`<span class="warned">${icon('alert', 14)} ${warned} ${warned === 1 ? 'needs' : 'need'} attention</span>`
              : nothing
          }
          ${ws.draftPersistent ? nothing : html`<span class="muted">Drafts cannot be stored in this browser</span>`}
        </div>
        <div class="total">
          <span class="label">Total</span>
          <output aria-live="off">${this._catalog ? formatTotal(total, this.locale) : '—'}</output>
          ${total.unpriced > 0 ? html`<span class="muted">(${total.unpriced} without a price)</span>` : nothing}
        </div>
      </footer>
    `;
  }

  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: block;
        background: var(--pl-bg);
        -webkit-font-smoothing: antialiased;
      }
      .app {
        display: flex;
        flex-direction: column;
      }
      header.top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
        padding: 10px 16px;
        background: var(--pl-surface);
        border-bottom: 1px solid var(--pl-border);
      }
      .project {
        display: flex;
        align-items: center;
        gap: 10px;
        flex: 1 1 260px;
        min-width: 0;
      }
      .logo {
        display: flex;
        align-items: center;
        justify-content: center;
        flex: none;
        width: 34px;
        height: 34px;
        border-radius: 9px;
        background: var(--pl-accent);
        color: #fff;
      }
      .name-wrap {
        display: grid;
        min-width: 0;
        flex: 1;
      }
      .name {
        width: 100%;
        max-width: 360px;
        border: 1px solid transparent;
        border-radius: 6px;
        padding: 1px 6px;
        margin-left: -7px;
        background: transparent;
        font-size: 16px;
        font-weight: 650;
        text-overflow: ellipsis;
      }
      .name:hover {
        border-color: var(--pl-border);
      }
      .name:focus-visible {
        outline: none;
        border-color: var(--pl-accent);
        box-shadow: 0 0 0 3px var(--pl-accent-soft);
        background: var(--pl-surface);
      }
      .save-state {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 12.5px;
        color: var(--pl-muted);
      }
      .save-state .dot {
        width: 7px;
        height: 7px;
        border-radius: 50%;
        background: var(--pl-faint);
      }
      .save-state.dirty {
        color: var(--pl-warn);
      }
      .save-state.dirty .dot {
        background: var(--pl-warn);
      }
      .save-state.clean .dot {
        background: var(--pl-success);
      }
      .save-state.busy .dot {
        background: var(--pl-accent);
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 6px;
        margin-left: auto;
      }
      .actions .group {
        display: flex;
        gap: 2px;
        padding-right: 6px;
        margin-right: 2px;
        border-right: 1px solid var(--pl-border);
      }
      .banner {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 9px 16px;
        border-bottom: 1px solid var(--pl-border);
        background: var(--pl-accent-soft);
        color: var(--pl-accent-hover);
      }
      .banner p {
        margin: 0;
        flex: 1;
      }
      .banner > svg {
        flex: none;
      }
      .banner-actions {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        justify-content: flex-end;
      }
      .banner.error,
      .banner.conflict {
        background: var(--pl-danger-soft);
        color: var(--pl-danger);
      }
      .banner.conflict {
        background: var(--pl-warn-soft);
        color: #7a3a06;
      }
      .banner.login {
        background: #eef4ff;
        color: #1d4ed8;
      }
      .banner.success {
        background: #e7f5ec;
        color: var(--pl-success);
      }
      .body {
        display: grid;
        grid-template-columns: minmax(270px, 320px) minmax(0, 1fr);
        align-items: stretch;
      }
      .catalog {
        position: relative;
        background: var(--pl-surface);
        border-right: 1px solid var(--pl-border);
        min-height: 480px;
      }
      .catalog-inner {
        position: absolute;
        inset: 0;
        display: flex;
        flex-direction: column;
      }
      .catalog-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 14px 16px 10px;
      }
      .catalog-head h2 {
        margin: 0;
        font-size: 15px;
        font-weight: 650;
      }
      planner-catalog {
        flex: 1;
        min-height: 0;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 14px 16px 16px;
        min-width: 0;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 10px 16px;
      }
      .card {
        background: var(--pl-surface);
        border: 1px solid var(--pl-border);
        border-radius: var(--pl-radius);
        padding: 12px 14px;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 6px 16px;
        padding: 0 2px;
        color: var(--pl-muted);
        font-size: 13px;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
        align-items: center;
      }
      .warned {
        display: inline-flex;
        align-items: center;
        gap: 5px;
        color: var(--pl-warn);
        font-weight: 500;
      }
      .total {
        display: flex;
        align-items: baseline;
        gap: 8px;
      }
      .total output {
        font-size: 20px;
        font-weight: 700;
        color: var(--pl-text);
        font-variant-numeric: tabular-nums;
      }
      .muted {
        color: var(--pl-faint);
      }
      .scrim {
        position: fixed;
        inset: 0;
        background: rgb(16 24 40 / 30%);
        z-index: 9;
      }
      @media (max-width: 759px) {
        header.top {
          padding: 8px 12px;
        }
        .actions {
          width: 100%;
          margin-left: 0;
        }
        .actions .save {
          margin-left: auto;
        }
        .actions .group .text {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        .actions .group .btn {
          width: 34px;
          padding: 0;
        }
        .body {
          grid-template-columns: minmax(0, 1fr);
        }
        .catalog.drawer {
          position: fixed;
          inset: 0 auto 0 0;
          width: min(360px, 88vw);
          min-height: 0;
          z-index: 10;
          box-shadow: var(--pl-shadow-lg);
          transform: translateX(-105%);
          visibility: hidden;
          transition:
            transform 200ms ease,
            visibility 0s linear 200ms;
        }
        .catalog.drawer.open {
          transform: none;
          visibility: visible;
          transition: transform 200ms ease;
        }
        .main {
          padding: 12px;
        }
        .banner {
          flex-wrap: wrap;
          padding: 8px 12px;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .catalog.drawer,
        .catalog.drawer.open {
          transition: none;
        }
      }
    `,
  ];
}

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

function isTextField(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type);
  }
  return target instanceof HTMLElement && target.isContentEditable;
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-app': PlannerApp;
  }
}
