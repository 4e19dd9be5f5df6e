import { msg, str } from '@lit/localize';
import type { ProjectSummary } from '@planner/contract';
import type { ConfirmDialog } from '@planner/ui/confirm-dialog';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { reasonOf } from '../project/describe-error.ts';
import type { Workspace } from '../project/workspace.ts';
import type { PlannerServices, SessionState } from '../services.ts';
import { errorText } from '../text/error-text.ts';
import { shownProjectName } from '../text/project-text.ts';
import type { PlannerProjectsDialog, ProjectEvent } from './planner-projects-dialog.ts';

export interface ProjectFlowsOptions {
  workspace: () => Workspace;
  services: () => PlannerServices;
  session: () => SessionState;
  locale: () => string | undefined;
  announce: (text: string) => void;
  /** The confirm dialog, defined and rendered. */
  confirmDialog: () => Promise<ConfirmDialog>;
  /** The projects dialog, defined and rendered. */
  projectsDialog: () => Promise<PlannerProjectsDialog>;
}

/**
 * The project flows that ask the user something: start a new project, open one (from the
 * projects dialog or the host), delete one. It owns the projects dialog's list and its
 * loading and error state, and asks before unsaved changes are discarded.
 */
export class ProjectFlowsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #o: ProjectFlowsOptions;
  projects: ProjectSummary[] | null = null;
  loading = false;
  error: string | null = null;
  deletingId: string | null = null;

  constructor(host: ReactiveControllerHost, options: ProjectFlowsOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostConnected(): void {}

  #set(patch: Partial<Pick<this, 'projects' | 'loading' | 'error' | 'deletingId'>>): void {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }

  /** Opens a saved project, asking first when the current one has unsaved changes. */
  async openWithConfirmation(id: string, name: string): Promise<void> {
    const ws = this.#o.workspace();
    if (ws.state.dirty && ws.state.project.id !== id) {
      const ok = await (await this.#o.confirmDialog()).ask({
        title: msg('Discard unsaved changes?'),
        message: msg(
          str`“${shownProjectName(ws.state.project.name)}” has changes that are not saved. Opening “${name}” discards them.`,
        ),
        confirmLabel: msg('Discard and open'),
        cancelLabel: msg('Keep editing'),
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await ws.open(id);
      this.#o.announce(msg(str`Opened ${name}.`));
    } catch {
      // The workspace shows why.
    }
  }

  async newProject(): Promise<void> {
    const ws = this.#o.workspace();
    if (ws.state.dirty) {
      const ok = await (await this.#o.confirmDialog()).ask({
        title: msg('Start a new project?'),
        message: msg(
          str`“${shownProjectName(ws.state.project.name)}” has changes that are not saved. A new project discards them.`,
        ),
        confirmLabel: msg('Discard and start new'),
        cancelLabel: msg('Keep editing'),
        danger: true,
      });
      if (!ok) return;
    }
    ws.newProject();
    this.#o.announce(msg('Started a new, empty project.'));
  }

  async showProjects(): Promise<void> {
    const s = this.#o.session();
    if (s.status === 'connecting') {
      this.#o.announce(msg('Still connecting to the shop; try again in a moment.'));
      return;
    }
    if (s.status === 'visitor' || (s.status === 'refreshing' && s.previous === 'visitor')) {
      this.#o.services().requestLogin('open');
      this.#o.announce(msg('Log in on the shop to see your saved projects.'));
      return;
    }
    this.#set({ projects: null });
    await (await this.#o.projectsDialog()).show();
    await this.load();
  }

  async load(): Promise<void> {
    this.#set({ loading: true, error: null });
    try {
      this.projects = await this.#o.workspace().listProjects();
    } catch (error) {
      this.error = errorText('PROJECTS_LOAD_FAILED', { reason: reasonOf(error) });
    } finally {
      this.#set({ loading: false });
    }
  }

  /** A visitor has no saved projects to show. */
  onSession(state: SessionState, dialog: PlannerProjectsDialog | null): void {
    if (state.status === 'visitor' && dialog?.open) dialog.close();
  }

  async #onOpen(e: ProjectEvent): Promise<void> {
    (await this.#o.projectsDialog()).close();
    await this.openWithConfirmation(e.detail.id, e.detail.name);
  }

  async #onDelete(e: ProjectEvent): Promise<void> {
    const ws = this.#o.workspace();
    this.#set({ deletingId: e.detail.id });
    try {
      await ws.deleteProject(e.detail.id);
      this.#o.announce(msg(str`Deleted the project ${e.detail.name}.`));
      this.projects = this.projects?.filter((p) => p.id !== e.detail.id) ?? null;
    } catch (error) {
      const notice = ws.state.notice;
      this.error = notice
        ? errorText(notice.code, notice.params)
        : errorText('DELETE_FAILED', { reason: reasonOf(error) });
    } finally {
      this.#set({ deletingId: null });
    }
  }

  /**
   * The projects dialog, with the list and state this controller keeps, and the share bar
   * under the plan (here because this comes with the deferred chunk: a tag in the app's own
   * template would cost the first paint bytes it does not have).
   */
  render(currentId: string | null) {
    return html`
      <planner-share></planner-share>
      <planner-projects-dialog
        .projects=${this.projects}
        ?loading=${this.loading}
        .error=${this.error}
        .currentId=${currentId}
        .deletingId=${this.deletingId}
        .locale=${this.#o.locale()}
        @planner-project-open=${(e: ProjectEvent) => this.#onOpen(e)}
        @planner-project-delete=${(e: ProjectEvent) => this.#onDelete(e)}
        @planner-projects-refresh=${() => this.load()}
      ></planner-projects-dialog>
    `;
  }
}
