import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EditorChange } from '../editor/editor.ts';
import type { Workspace, WorkspaceState } from '../project/workspace.ts';

const SUCCESS_NOTICE_MS = 4000;

/**
 * Keeps the host in step with the workspace while it is connected: its state (re-rendering on
 * each change), its editor's changes (passed on), a success notice dismissed after a few
 * seconds unless another replaced it, and the draft written at once when the host goes.
 */
export class WorkspaceController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #workspace: () => Workspace;
  readonly #onEditorChange: (change: EditorChange) => void;
  #stop: (() => void)[] = [];
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #state: WorkspaceState | null = null;

  constructor(
    host: ReactiveControllerHost,
    workspace: () => Workspace,
    onEditorChange: (change: EditorChange) => void,
  ) {
    this.#host = host;
    this.#workspace = workspace;
    this.#onEditorChange = onEditorChange;
    host.addController(this);
  }

  /** The workspace's state as last announced. */
  get state(): WorkspaceState {
    return this.#state ?? this.#workspace().state;
  }

  /** The host was given another workspace. */
  reset(): void {
    this.#state = this.#workspace().state;
  }

  hostConnected(): void {
    const ws = this.#workspace();
    this.#state = ws.state;
    this.#stop.push(
      ws.subscribe((s) => this.#onState(s)),
      ws.editor.subscribe((_design, change) => this.#onEditorChange(change)),
    );
  }

  hostDisconnected(): void {
    for (const stop of this.#stop.splice(0)) stop();
    clearTimeout(this.#noticeTimer);
    this.#workspace().flushDraft();
  }

  #onState(state: WorkspaceState): void {
    this.#state = state;
    this.#host.requestUpdate();
    clearTimeout(this.#noticeTimer);
    const notice = state.notice;
    if (notice?.kind === 'success') {
      this.#noticeTimer = setTimeout(() => {
        const ws = this.#workspace();
        if (ws.state.notice === notice) ws.dismissNotice();
      }, SUCCESS_NOTICE_MS);
    }
  }
}
