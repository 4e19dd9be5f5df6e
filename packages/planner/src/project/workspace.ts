import { msg } from '@lit/localize';
import type { VersionedProject } from '@planner/api-client';
import type { ProjectSummary } from '@planner/contract';
import { DRAFT_VERSION, type Draft, type DraftProject, type PendingSave, UNTITLED } from '../draft/draft.ts';
import type { DraftShelf, DraftStore } from '../draft/draft-store.ts';
import { type Design, emptyDesign, sanitizeDesign } from '../editor/design.ts';
import { Editor } from '../editor/editor.ts';
import { newUuid } from '../editor/ids.ts';
import type { PlannerServices, ProjectSnapshot, SessionState } from '../services.ts';
import type { TextCode } from '../text/error-text.ts';
import { loadSavedVersionLabel } from '../text/project-text.ts';
import { errorCode, errorStatus, reasonOf } from './describe-error.ts';
import { type Notice, RESTORED } from './notice.ts';
import { PlannerError } from './planner-error.ts';
import {
  blankProject,
  copyName,
  MAX_NAME,
  projectInput,
  saveFingerprint,
  sendSave,
} from './project-input.ts';
import { behindOutage, failure, saveFailure, saveRefusal } from './save-rules.ts';

export type { Notice };

export interface SavedProject {
  id: string;
  name: string;
  version: number;
}

export interface WorkspaceState {
  project: DraftProject;
  /** The design or name has changes the platform has not confirmed. */
  dirty: boolean;
  /** What is in flight, if anything. */
  busy: 'saving' | 'opening' | 'deleting' | null;
  notice: Notice | null;
  /** False when drafts cannot be kept in storage (memory only). */
  draftPersistent: boolean;
}

export interface WorkspaceOptions {
  services: PlannerServices;
  /** Each owner's draft; the one shown is that of `services.session.owner()`. */
  drafts: DraftShelf;
  /** For tests. */
  newKey?: () => string;
}

/**
 * The open project: the editor with its design, which saved project it belongs to, whether it
 * has unsaved changes, and the local draft that keeps it safe. Every platform call about
 * projects goes through here, so the rules live in one place:
 *
 * - the draft is written on every change and marked clean only when the platform confirms;
 * - a save retried with the same content reuses its `Idempotency-Key`;
 * - a conflict (412) is never overwritten: the user reloads theirs or keeps a copy;
 * - visitors and read-only sessions get `LoginRequired`, not a failed request;
 * - each owner (the visitor, or a user of a legal entity, as the verified token says) has
 *   their own draft: on `Logout` or a change of user the design shown becomes the new
 *   owner's (empty if none), so no account sees or saves another's design (issue 9). The one
 *   hand-over: a visitor who was asked to log in to save keeps their unsaved design in the
 *   account they log in to, if that account has no unsaved design of its own here.
 */
export class Workspace {
  readonly editor: Editor;
  readonly #services: PlannerServices;
  readonly #shelf: DraftShelf;
  #drafts: DraftStore;
  /** Whose draft is shown; null until a verified token names its owner. */
  #owner: string | null;
  /** A visitor was asked to log in to save (see the hand-over above). */
  #loginAsked = false;
  readonly #newKey: () => string;
  readonly #listeners = new Set<(state: WorkspaceState) => void>();
  #project: DraftProject;
  #dirty: boolean;
  #busy: WorkspaceState['busy'] = null;
  #notice: Notice | null = null;
  #pendingSave: PendingSave | null;
  #saving: Promise<SavedProject> | undefined;
  /** Counts design and name changes; a save knows from it whether edits happened meanwhile. */
  #revision = 0;
  /** Set while the design is replaced by the platform's version, which is not an unsaved change. */
  #replacing = false;
  #session: SessionState;
  /** The last signed-in user: a save during a token refresh still knows whose project it is. */
  #userId: string | null = null;
  #checkedFreshness = false;

  constructor(options: WorkspaceOptions) {
    this.#services = options.services;
    this.#shelf = options.drafts;
    this.#newKey = options.newKey ?? newUuid;
    this.#session = options.services.session.get();
    const session = behindOutage(this.#session);
    if (session.status === 'signed-in') this.#userId = session.userId;
    this.#owner = options.services.session.owner();
    this.#drafts = this.#shelf.for(this.#owner);
    const draft = this.#drafts.load();
    this.editor = new Editor(draft?.design ?? emptyDesign());
    this.#project = draft?.project ?? blankProject();
    this.#dirty = draft?.dirty ?? false;
    this.#pendingSave = draft?.pendingSave ?? null;
    if (draft?.dirty) this.#notice = RESTORED;
    this.editor.subscribe(() => {
      if (this.#replacing) return;
      this.#revision++;
      this.#dirty = true;
      this.#persistSoon();
      this.#emit();
    });
  }

  get state(): WorkspaceState {
    return {
      project: { ...this.#project },
      dirty: this.#dirty,
      busy: this.#busy,
      notice: this.#notice,
      // Without an owner the draft is kept in memory on purpose: nothing to warn about.
      draftPersistent: this.#owner === null || this.#drafts.persistent,
    };
  }

  get design(): Design {
    return this.editor.design;
  }

  subscribe(listener: (state: WorkspaceState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  snapshot(): ProjectSnapshot {
    const { room, items } = this.editor.design;
    return {
      id: this.#project.id,
      name: this.#project.name,
      room: { ...room },
      items: items.map((i) => ({ ...i })),
    };
  }

  dismissNotice(): void {
    if (!this.#notice) return;
    this.#notice = null;
    this.#emit();
  }

  rename(name: string): void {
    const next = name.slice(0, MAX_NAME);
    if (next === this.#project.name) return;
    this.#project = { ...this.#project, name: next };
    this.#revision++;
    this.#dirty = true;
    this.#persistSoon();
    this.#emit();
  }

  /** Writes any scheduled draft now (the page is being hidden or closed). */
  flushDraft(): void {
    this.#drafts.flush();
  }

  /** Keeps track of the session; a different user must not save over someone else's project. */
  onSession(offlineOrNot: SessionState): void {
    this.#switchOwner(this.#services.session.owner());
    this.#session = offlineOrNot;
    const state = behindOutage(offlineOrNot);
    if (state.status === 'visitor') this.#userId = null;
    if (state.status !== 'signed-in') return;
    this.#userId = state.userId;
    if (state.canSave && this.#notice?.kind === 'login') {
      // The login it asked for happened: "Log in on the shop to save" is no longer true.
      this.#notice = null;
      this.#emit();
    }
    const owner = this.#project.ownerId;
    if (this.#project.id && owner && owner !== state.userId) {
      this.#detach('OTHER_ACCOUNT');
      return;
    }
    if (!this.#checkedFreshness) {
      this.#checkedFreshness = true;
      void this.#refreshIfStale();
    }
  }

  /** Shows the new owner's draft (or hands a visitor's design over after "log in to save"). */
  #switchOwner(owner: string | null): void {
    if (owner === this.#owner) return;
    const previous = this.#owner;
    const before = this.#drafts;
    before.flush();
    const drafts = this.#shelf.for(owner);
    const theirs = drafts.load();
    const handOver =
      this.#loginAsked &&
      this.#dirty &&
      previous?.startsWith('visitor:') === true &&
      owner?.startsWith('user:') === true &&
      !theirs?.dirty;
    this.#owner = owner;
    this.#drafts = drafts;
    this.#loginAsked = false;
    this.#checkedFreshness = false;
    this.#userId = null;
    // The last owner's save or load in flight is theirs: it must not block or mark this one.
    this.#saving = undefined;
    this.#busy = null;
    if (handOver) {
      this.#drafts.write(this.#toDraft());
      before.clear();
      return;
    }
    this.#replace(theirs?.design ?? emptyDesign(), theirs?.project ?? blankProject(), false);
    this.#dirty = theirs?.dirty ?? false;
    this.#pendingSave = theirs?.pendingSave ?? null;
    this.#notice = theirs?.dirty ? RESTORED : null;
    this.#emit();
  }

  /** Starts an empty, unsaved project (the old one stays saved on the platform, if it was). */
  newProject(): void {
    this.#replace(emptyDesign(), blankProject());
    this.#notice = null;
    this.#emit();
  }

  /** Opens a saved project, replacing the design (the caller confirms unsaved changes first). */
  async open(id: string): Promise<ProjectSnapshot> {
    await this.#load(id, 'reset');
    return this.snapshot();
  }

  async listProjects(): Promise<ProjectSummary[]> {
    return (await this.#services.listProjects()).projects;
  }

  /** Deletes a saved project. Deleting the open one keeps its design here, as unsaved. */
  async deleteProject(id: string): Promise<void> {
    const isOpen = id === this.#project.id;
    this.#busy = 'deleting';
    this.#emit();
    try {
      await this.#services.deleteProject(id, isOpen ? (this.#project.etag ?? undefined) : undefined);
      if (isOpen) {
        this.#detach('DELETED_OPEN');
      }
    } catch (error) {
      const conflict = errorCode(error) === 'CONFLICT';
      this.#notice = conflict
        ? { kind: 'error', code: 'DELETE_CONFLICT' }
        : { kind: 'error', code: 'DELETE_FAILED', params: { reason: reasonOf(error) } };
      throw new PlannerError(conflict ? 'CONFLICT' : 'DELETE_FAILED', failure('delete', error), {
        cause: error,
      });
    } finally {
      this.#busy = null;
      this.#emit();
    }
  }

  /**
   * Saves: creates the project the first time, then updates it with the ETag it was read at.
   * A second call while one is in flight joins it.
   */
  save(): Promise<SavedProject> {
    return this.#join(false);
  }

  /** After a conflict: keep this design as a new project, leaving the other version alone. */
  saveAsCopy(): Promise<SavedProject> {
    return this.#join(true);
  }

  /** One save at a time per owner: a call during another owner's save starts its own. */
  #join(asCopy: boolean): Promise<SavedProject> {
    if (this.#saving) return this.#saving;
    const saving = this.#save(asCopy).finally(() => {
      if (this.#saving === saving) this.#saving = undefined;
    });
    this.#saving = saving;
    return saving;
  }

  /** After a conflict: load the platform's version. Undo brings this design back. */
  async reloadTheirs(): Promise<void> {
    const id = this.#project.id;
    if (id) await this.#load(id, 'undoable');
  }

  /**
   * Shows a saved version as the clean state of the project: opened (`reset`: a fresh history)
   * or reloaded after a conflict (`undoable`: one undo step brings this design back).
   */
  async #load(id: string, mode: 'reset' | 'undoable'): Promise<void> {
    const opening = mode === 'reset';
    this.#busy = 'opening';
    if (!opening) this.#notice = null;
    this.#emit();
    const owner = this.#owner;
    try {
      const loaded = await this.#services.getProject(id);
      this.#checkOwner(owner);
      this.#adopt(loaded, mode);
      const { name, version } = loaded.project;
      this.#notice = opening
        ? { kind: 'success', code: 'OPENED', params: { name } }
        : { kind: 'info', code: 'RELOADED', params: { version } };
    } catch (error) {
      this.#notice = {
        kind: 'error',
        code: opening ? 'OPEN_FAILED' : 'RELOAD_FAILED',
        params: { reason: reasonOf(error) },
      };
      throw new PlannerError('LOAD_FAILED', failure(opening ? 'open' : 'reload', error), { cause: error });
    } finally {
      this.#busy = null;
      this.#emit();
    }
  }

  /** A load that was answered after the user changed must not land in the new user's draft. */
  #checkOwner(owner: string | null): void {
    if (owner !== this.#owner) throw new PlannerError('LOAD_FAILED', 'The session changed meanwhile.');
  }

  async #save(asCopy: boolean): Promise<SavedProject> {
    this.#checkSession();
    const owner = this.#owner;
    const drafts = this.#drafts;
    const revision = this.#revision;
    const name = this.#project.name.trim() || UNTITLED;
    const baseName = asCopy ? copyName(name) : name;
    const input = projectInput(baseName, this.editor.design);
    const id = asCopy ? null : this.#project.id;
    const etag = asCopy ? null : this.#project.etag;
    const fingerprint = saveFingerprint(id, etag, input);
    if (this.#pendingSave?.fingerprint !== fingerprint) {
      this.#pendingSave = { key: this.#newKey(), fingerprint };
      this.#drafts.write(this.#toDraft());
    }
    const idempotencyKey = this.#pendingSave.key;

    this.#busy = 'saving';
    if (this.#notice?.kind !== 'info') this.#notice = null;
    this.#emit();
    let result: VersionedProject;
    try {
      result = await sendSave(this.#services, { id, etag, input, idempotencyKey }, (renewed) => {
        this.#pendingSave = { key: this.#newKey(), fingerprint: renewed };
        return this.#pendingSave.key;
      });
    } catch (error) {
      this.#busy = null;
      if (owner !== this.#owner)
        throw new PlannerError('SAVE_FAILED', failure('save', error), { cause: error });
      throw this.#saveFailed(error);
    }
    this.#busy = null;

    const { project } = result;
    const saved = { id: project.id, name: project.name, version: project.version };
    if (owner !== this.#owner) {
      // The user changed while the save was in flight: it is saved to their account; their
      // draft says so, and the design now shown (someone else's) is left alone.
      const theirs = drafts.load();
      if (theirs) {
        const meta = { id: project.id, etag: result.etag, version: project.version, name: project.name };
        drafts.write({ ...theirs, project: { ...theirs.project, ...meta }, dirty: false, pendingSave: null });
      }
      this.#emit();
      return saved;
    }
    this.#pendingSave = null;
    this.#project = {
      id: project.id,
      etag: result.etag,
      version: project.version,
      // A name typed while the request was in flight wins over the one just saved.
      name: asCopy || revision === this.#revision ? project.name : this.#project.name,
      ownerId: this.#userId ?? this.#project.ownerId,
    };
    // Edits made while the request was in flight are still unsaved.
    this.#dirty = revision !== this.#revision;
    this.#drafts.write(this.#toDraft());
    this.#notice = {
      kind: 'success',
      code: asCopy ? 'SAVED_AS_COPY' : 'SAVED',
      params: { name: project.name },
    };
    this.#emit();
    this.#services.projectSaved(saved);
    this.#services.track({ event: 'project_saved', items: this.editor.design.items.length });
    return saved;
  }

  /** Refuses a save the session cannot make, before any request is sent. */
  #checkSession(): void {
    const refusal = saveRefusal(this.#session);
    if (!refusal) return;
    if (refusal.askLogin) {
      this.#loginAsked = true;
      this.#services.requestLogin('save');
    }
    this.#notice = refusal.notice;
    this.#emit();
    throw new PlannerError(refusal.error, `Not saved (${refusal.notice.code}).`);
  }

  #saveFailed(error: unknown): PlannerError {
    const failed = saveFailure(error);
    if (failed.forgetPending) {
      this.#pendingSave = null;
      this.#drafts.write(this.#toDraft());
    }
    if (failed.askLogin) {
      this.#loginAsked = true;
      this.#services.requestLogin('save');
    }
    this.#notice = failed.notice;
    this.#emit();
    return failed.error;
  }

  /** A clean draft of a saved project may be older than the platform's: show the newest. */
  async #refreshIfStale(): Promise<void> {
    const { id, etag } = this.#project;
    if (!id || this.#dirty) return;
    try {
      const loaded = await this.#services.getProject(id);
      if (this.#dirty || this.#project.id !== id || loaded.etag === etag) return;
      this.#adopt(loaded, 'reset');
      this.#notice = { kind: 'info', code: 'UPDATED_TO_LATEST' };
      this.#emit();
    } catch (error) {
      if (errorCode(error) === 'HTTP_ERROR' && errorStatus(error) === 404 && this.#project.id === id) {
        this.#detach('DELETED_ELSEWHERE');
      }
      // Anything else: keep the draft as it is; a save will meet any conflict.
    }
  }

  /** Shows a platform version as the clean state of the project. */
  #adopt(loaded: VersionedProject, mode: 'reset' | 'undoable'): void {
    const { project, etag } = loaded;
    const design = sanitizeDesign(project) ?? emptyDesign();
    const meta: DraftProject = {
      id: project.id,
      etag,
      version: project.version,
      name: project.name,
      ownerId: this.#userId,
    };
    this.#replace(design, meta, true, mode === 'undoable' ? loadSavedVersionLabel() : undefined);
  }

  /**
   * Shows `design` as the clean state of the project `meta` (not an unsaved change): as an
   * undo step named `undoLabel` if given, else with a fresh history.
   */
  #replace(design: Design, meta: DraftProject, write = true, undoLabel?: string): void {
    this.#replacing = true;
    try {
      if (undoLabel === undefined) this.editor.reset(design);
      else this.editor.apply(undoLabel, () => design);
    } finally {
      this.#replacing = false;
    }
    this.#project = meta;
    this.#pendingSave = null;
    this.#dirty = false;
    this.#revision++;
    if (write) this.#drafts.write(this.#toDraft());
  }

  /** Keeps the design but forgets the saved project it belonged to: the next save creates one. */
  #detach(code: TextCode): void {
    this.#project = { ...this.#project, id: null, etag: null, version: null, ownerId: null };
    this.#pendingSave = null;
    this.#dirty = true;
    this.#revision++;
    this.#drafts.write(this.#toDraft());
    this.#notice = { kind: 'info', code };
    this.#emit();
  }

  #persistSoon(): void {
    this.#drafts.schedule(() => this.#toDraft());
  }

  #toDraft(): Draft {
    return {
      v: DRAFT_VERSION,
      savedAt: '',
      project: { ...this.#project },
      design: this.editor.design,
      dirty: this.#dirty,
      pendingSave: this.#pendingSave,
    };
  }

  #emit(): void {
    const state = this.state;
    for (const listener of this.#listeners) listener(state);
  }
}
