import { css, html, LitElement } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { base } from './styles.ts';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
}

/**
 * A modal question on the native `<dialog>` (focus stays inside, Escape cancels, the page
 * behind is inert), as the planner's. Cancel has the initial focus: a stray Enter never
 * replaces or deactivates a token.
 */
@customElement('admin-confirm-dialog')
export class AdminConfirmDialog extends LitElement {
  @state() private _request: ConfirmRequest | null = null;
  @query('dialog') private _dialog!: HTMLDialogElement;
  #resolve: ((ok: boolean) => void) | undefined;

  async ask(request: ConfirmRequest): Promise<boolean> {
    this.#resolve?.(false);
    this._request = request;
    await this.updateComplete;
    if (!this._dialog.open) this._dialog.showModal?.();
    (this.renderRoot.querySelector('.cancel') as HTMLButtonElement | null)?.focus();
    return new Promise<boolean>((resolve) => {
      this.#resolve = resolve;
    });
  }

  #finish(ok: boolean): void {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (this._dialog?.open) this._dialog.close();
    resolve?.(ok);
  }

  override render() {
    const r = this._request;
    return html`
      <dialog aria-labelledby="t" aria-describedby="m" @close=${() => this.#finish(false)}>
        <h2 id="t">${r?.title}</h2>
        <p id="m">${r?.message}</p>
        <div class="actions">
          <button type="button" class="btn cancel" @click=${() => this.#finish(false)}>Cancel</button>
          <button
            type="button"
            class="btn ${r?.danger ? 'solid-danger' : 'primary'}"
            @click=${() => this.#finish(true)}
          >
            ${r?.confirmLabel}
          </button>
        </div>
      </dialog>
    `;
  }

  static override styles = [
    base,
    css`
      dialog {
        width: min(440px, calc(100vw - 32px));
        border: none;
        border-radius: 14px;
        padding: 22px;
        box-shadow: var(--ad-shadow-lg);
        color: var(--ad-text);
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 35%);
      }
      h2 {
        margin: 0 0 8px;
        font-size: 17px;
      }
      p {
        margin: 0 0 20px;
        color: var(--ad-muted);
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-confirm-dialog': AdminConfirmDialog;
  }
}
