import { css, html, LitElement } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { base } from './base.ts';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  /** "Cancel" by default. */
  cancelLabel?: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
}

/**
 * A modal question with two answers, on the native `<dialog>` (focus is kept inside, Escape
 * cancels, the page behind is inert). `ask()` resolves true for the confirm button only.
 * The cancel button has the initial focus: a stray Enter never discards work, replaces a
 * key or deletes anything.
 */
@customElement('ui-confirm-dialog')
export class ConfirmDialog extends LitElement {
  @state() private _request: ConfirmRequest | null = null;
  @query('dialog') private _dialog!: HTMLDialogElement;
  #resolve: ((ok: boolean) => void) | undefined;

  async ask(request: ConfirmRequest): Promise<boolean> {
    this.#resolve?.(false);
    this._request = request;
    await this.updateComplete;
    const dialog = this._dialog;
    if (!dialog.open) dialog.showModal?.();
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
          <button type="button" class="btn cancel" @click=${() => this.#finish(false)}>
            ${r?.cancelLabel ?? 'Cancel'}
          </button>
          <button
            type="button"
            class="btn confirm ${r?.danger ? 'solid-danger' : 'primary'}"
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
        width: min(420px, calc(100vw - 32px));
        border: none;
        border-radius: 14px;
        padding: 22px;
        box-shadow: var(--pl-shadow-lg);
        color: var(--pl-text);
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
        color: var(--pl-muted);
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        flex-wrap: wrap;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'ui-confirm-dialog': ConfirmDialog;
  }
}
