import { localized, msg, str } from '@lit/localize';
import type { ProjectSummary } from '@planner/contract';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { shownProjectName } from '../text/project-text.ts';
import { icon } from './icons.ts';
import { base } from './styles.ts';

export type ProjectEvent = CustomEvent<{ id: string; name: string }>;

/**
 * The signed-in user's saved projects, in a modal `<dialog>`: open one, or delete one after
 * confirming in its row. The list is loaded by the app (`projects`, `loading`, `error`).
 *
 * @fires planner-project-open - `{ id, name }`
 * @fires planner-project-delete - `{ id, name }`, after the user confirmed
 * @fires planner-projects-refresh - reload the list
 */
@customElement('planner-projects-dialog')
@localized()
export class PlannerProjectsDialog extends LitElement {
  @property({ attribute: false }) projects: ProjectSummary[] | null = null;
  @property({ type: Boolean }) loading = false;
  @property() error: string | null = null;
  /** The open project, marked in the list. */
  @property({ attribute: false }) currentId: string | null = null;
  /** The project whose deletion is in flight. */
  @property({ attribute: false }) deletingId: string | null = null;
  @property() locale: string | undefined;

  @state() private _confirming: string | null = null;
  @query('dialog') private _dialog!: HTMLDialogElement;

  get open(): boolean {
    return this._dialog?.open ?? false;
  }

  async show(): Promise<void> {
    this._confirming = null;
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal?.();
    (this.renderRoot.querySelector('.close') as HTMLButtonElement | null)?.focus();
  }

  close(): void {
    if (this._dialog?.open) this._dialog.close();
  }

  #fire(type: 'planner-project-open' | 'planner-project-delete', p: ProjectSummary): void {
    this.dispatchEvent(
      new CustomEvent(type, {
        detail: { id: p.id, name: shownProjectName(p.name) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #when(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  override render() {
    return html`
      <dialog aria-labelledby="title" @close=${() => this.dispatchEvent(new Event('close'))}>
        <div class="head">
          <h2 id="title">${msg('Your projects')}</h2>
          <div class="head-actions">
            <button
              type="button"
              class="btn quiet icon"
              aria-label=${msg('Refresh the list')}
              title=${msg('Refresh')}
              ?disabled=${this.loading}
              @click=${() => this.dispatchEvent(new Event('planner-projects-refresh', { bubbles: true, composed: true }))}
            >
              ${icon('refresh', 16)}
            </button>
            <button type="button" class="btn quiet icon close" aria-label=${msg('Close')} @click=${() => this.close()}>
              ${icon('close', 16)}
            </button>
          </div>
        </div>
        <div class="body" aria-busy=${this.loading ? 'true' : 'false'}>${this.#renderBody()}</div>
      </dialog>
    `;
  }

  #renderBody() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.projects) return html`<p class="muted">${msg('Loading your projects…')}</p>`;
    if (this.projects.length === 0) {
      return html`<p class="muted">${msg('No saved projects yet. Design a room and choose “Save”.')}</p>`;
    }
    return html`
      <ul>
        ${this.projects.map((p) => this.#renderRow(p))}
      </ul>
    `;
  }

  #renderRow(p: ProjectSummary) {
    const current = p.id === this.currentId;
    const confirming = this._confirming === p.id;
    const deleting = this.deletingId === p.id;
    const items = p.item_count === 1 ? msg('1 piece') : msg(str`${p.item_count} pieces`);
    if (confirming) {
      return html`
        <li class="row confirm">
          <div class="confirm-group" role="group" aria-label=${msg(str`Confirm deleting ${shownProjectName(p.name)}`)}>
          <p><strong>${msg(str`Delete “${shownProjectName(p.name)}”?`)}</strong> ${msg('This cannot be undone.')}</p>
          <div class="actions">
            <button
              type="button"
              class="btn small keep"
              @click=${() => {
                this._confirming = null;
              }}
            >
              ${msg('Keep it')}
            </button>
            <button
              type="button"
              class="btn small solid-danger"
              ?disabled=${deleting}
              @click=${() => {
                this._confirming = null;
                this.#fire('planner-project-delete', p);
              }}
            >
              ${deleting ? msg('Deleting…') : msg('Delete')}
            </button>
          </div>
          </div>
        </li>
      `;
    }
    return html`
      <li class="row ${current ? 'current' : ''}">
        <div class="info">
          <span class="name">${shownProjectName(p.name)}${current ? html` <span class="tag">${msg('Open')}</span>` : nothing}</span>
          <span class="meta">${items} · v${p.version} · ${this.#when(p.updated_at)}</span>
        </div>
        <div class="actions">
          <button
            type="button"
            class="btn small primary"
            aria-label=${msg(str`Open ${shownProjectName(p.name)}`)}
            @click=${() => this.#fire('planner-project-open', p)}
          >
            ${msg('Open')}
          </button>
          <button
            type="button"
            class="btn small danger icon"
            aria-label=${msg(str`Delete ${shownProjectName(p.name)}`)}
            title=${msg('Delete')}
            ?disabled=${deleting}
            @click=${async () => {
              this._confirming = p.id;
              await this.updateComplete;
              (this.renderRoot.querySelector('.keep') as HTMLButtonElement | null)?.focus();
            }}
          >
            ${icon('trash', 15)}
          </button>
        </div>
      </li>
    `;
  }

  static override styles = [
    base,
    css`
      dialog {
        width: min(560px, calc(100vw - 24px));
        max-height: min(640px, calc(100vh - 24px));
        border: none;
        border-radius: 14px;
        padding: 0;
        box-shadow: var(--pl-shadow-lg);
        color: var(--pl-text);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 35%);
      }
      /* Not a <header>: in a dialog it would be a second banner landmark. */
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 16px 16px 12px 22px;
        border-bottom: 1px solid var(--pl-border);
      }
      h2 {
        margin: 0;
        font-size: 17px;
      }
      .head-actions {
        display: flex;
        gap: 4px;
      }
      .body {
        overflow: auto;
        padding: 8px 12px 14px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        padding: 10px;
        border-radius: var(--pl-radius-sm);
      }
      .row + .row {
        border-top: 1px solid var(--pl-border);
      }
      .row:hover {
        background: var(--pl-surface-2);
      }
      .row.confirm {
        background: var(--pl-danger-soft);
      }
      /* The row's group (a role on the <li> would leave the list without a list item). */
      .confirm-group {
        display: flex;
        flex: 1;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
      }
      .row.confirm p {
        margin: 0;
      }
      .info {
        display: grid;
        min-width: 0;
      }
      .name {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .tag {
        font-size: 11px;
        font-weight: 600;
        padding: 1px 6px;
        border-radius: 999px;
        background: var(--pl-accent-soft);
        color: var(--pl-accent-hover);
        vertical-align: 1px;
      }
      .meta {
        font-size: 12.5px;
        color: var(--pl-muted);
      }
      .actions {
        display: flex;
        gap: 6px;
        flex: none;
      }
      .btn.small.icon {
        width: 28px;
      }
      .muted {
        color: var(--pl-muted);
        padding: 12px 10px;
        margin: 0;
      }
      .error {
        color: var(--pl-danger);
        padding: 12px 10px;
        margin: 0;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-projects-dialog': PlannerProjectsDialog;
  }
  interface HTMLElementEventMap {
    'planner-project-open': ProjectEvent;
    'planner-project-delete': ProjectEvent;
    'planner-projects-refresh': Event;
  }
}
