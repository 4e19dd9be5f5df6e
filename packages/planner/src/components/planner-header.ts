import { localized, msg, str } from '@lit/localize';
import { PROJECT_LIMITS } from '@planner/contract';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { WorkspaceState } from '../project/workspace.ts';
import type { PlannerServices, SessionState } from '../services.ts';
import { shownProjectName } from '../text/project-text.ts';
import { HEADER_COMMAND_EVENT, type HeaderCommand, RENAME_EVENT } from './app-events.ts';
import { icon } from './icons.ts';
import { MOD } from './keys.ts';
import { base } from './styles.ts';

/**
 * The planner's header: the project's name (editable) and save state, the session badge, the
 * inbox, and the project toolbar (undo, redo, new, open, save). It shows what it is given and
 * reports commands (`planner-header-command`, detail: the command) and renames
 * (`planner-rename`, detail: the name); the app decides what they do. The inbox element is
 * defined after the first paint (see `deferred.ts`).
 */
@customElement('planner-header')
@localized()
export class PlannerHeader extends LitElement {
  @property({ attribute: false }) services!: PlannerServices;
  @property({ attribute: false }) state!: WorkspaceState;
  @property({ attribute: false }) session: SessionState = { status: 'connecting' };
  @property({ type: Boolean }) canUndo = false;
  @property({ type: Boolean }) canRedo = false;
  @property({ attribute: false }) undoLabel: string | undefined;
  @property({ attribute: false }) redoLabel: string | undefined;
  @property() locale: string | undefined;
  /** Show the inbox (its element is defined after the first paint, see `deferred.ts`). */
  @property({ type: Boolean }) inbox = false;

  #command(command: HeaderCommand): void {
    this.dispatchEvent(
      new CustomEvent(HEADER_COMMAND_EVENT, { detail: command, bubbles: true, composed: true }),
    );
  }

  override render() {
    const ws = this.state;
    const saving = ws.busy === 'saving';
    const state = saving
      ? { cls: 'busy', text: msg('Saving…') }
      : ws.dirty
        ? { cls: 'dirty', text: msg('Unsaved changes') }
        : ws.project.id
          ? {
              cls: 'clean',
              text: ws.project.version ? msg(str`Saved · v${ws.project.version}`) : msg('Saved'),
            }
          : { cls: 'new', text: msg('Not saved yet') };
    const s = this.session;
    const visitor = s.status === 'visitor' || (s.status === 'refreshing' && s.previous === 'visitor');
    const { undoLabel, redoLabel } = this;
    const undo = undoLabel ? msg(str`Undo ${undoLabel}`) : msg('Undo');
    const redo = redoLabel ? msg(str`Redo ${redoLabel}`) : msg('Redo');
    return html`
      <header class="top" aria-label=${msg('Room planner')}>
        <h1 class="sr-only">${msg('Room planner')}</h1>
        <div class="project">
          <span class="logo" aria-hidden="true">${icon('logo', 20)}</span>
          <div class="name-wrap">
            <label class="sr-only" for="project-name">${msg('Project name')}</label>
            <input
              id="project-name"
              class="name"
              type="text"
              maxlength=${PROJECT_LIMITS.nameMaxLength}
              autocomplete="off"
              spellcheck="false"
              .value=${live(shownProjectName(ws.project.name))}
              @input=${(e: Event) =>
                this.dispatchEvent(
                  new CustomEvent(RENAME_EVENT, {
                    detail: (e.target as HTMLInputElement).value,
                    bubbles: true,
                    composed: true,
                  }),
                )}
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
        ${this.inbox ? html`<planner-inbox .services=${this.services} .locale=${this.locale}></planner-inbox>` : nothing}
        <div class="actions" role="toolbar" aria-label=${msg('Project')}>
          <div class="group">
            <button
              type="button"
              class="btn quiet icon"
              ?disabled=${!this.canUndo}
              aria-label=${undo}
              title=${`${undo} (${MOD}Z)`}
              @click=${() => this.#command('undo')}
            >
              ${icon('undo')}
            </button>
            <button
              type="button"
              class="btn quiet icon"
              ?disabled=${!this.canRedo}
              aria-label=${redo}
              title=${`${redo} (${MOD}Shift+Z)`}
              @click=${() => this.#command('redo')}
            >
              ${icon('redo')}
            </button>
          </div>
          <div class="group">
            <button type="button" class="btn quiet" title=${msg('New project')} @click=${() => this.#command('new')}>
              ${icon('file', 17)}<span class="text">${msg('New')}</span>
            </button>
            <button type="button" class="btn quiet" title=${msg('Open a saved project')} @click=${() => this.#command('open')}>
              ${icon('folder', 17)}<span class="text">${msg('Open')}</span>
            </button>
          </div>
          <button
            type="button"
            class="btn primary save"
            ?disabled=${saving}
            title=${visitor ? msg('Log in on the shop to save') : `${msg('Save')} (${MOD}S)`}
            @click=${() => this.#command('save')}
          >
            ${icon('save', 17)}<span class="text">${saving ? msg('Saving…') : msg('Save')}</span>
          </button>
        </div>
      </header>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
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
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-header': PlannerHeader;
  }
}
