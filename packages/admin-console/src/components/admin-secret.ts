import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { base } from './styles.ts';

/**
 * A labelled, read-only secret (an access key, a static token, a consumer secret) with a
 * Copy button. A read-only input rather than text: it can be selected with the keyboard and
 * copied by hand when the clipboard API is unavailable.
 */
@customElement('admin-secret')
@localized()
export class AdminSecret extends LitElement {
  @property() label = '';
  @property() value = '';
  @state() private _copied: 'yes' | 'no' | '' = '';
  @query('input') private _input!: HTMLInputElement;

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      this._copied = 'yes';
    } catch {
      // No clipboard (permissions, insecure context): select it for Ctrl-C instead.
      this._input.focus();
      this._input.select();
      this._copied = 'no';
    }
  }

  override render() {
    return html`
      <div class="field">
        <label for="v">${this.label}</label>
        <div class="row nowrap">
          <input id="v" class="input mono" readonly .value=${this.value} spellcheck="false" autocomplete="off" />
          <button type="button" class="btn" aria-label=${msg(str`Copy ${this.label.toLowerCase()}`)} @click=${() => this.#copy()}>
            ${msg('Copy')}
          </button>
        </div>
      </div>
      <p class="copied" role="status">
        ${this._copied === 'yes' ? msg(str`${this.label} copied.`) : this._copied === 'no' ? msg('Selected: press Ctrl+C (⌘C) to copy.') : ''}
      </p>
    `;
  }

  static override styles = [
    base,
    css`
      label {
        font-weight: 500;
      }
      .nowrap {
        flex-wrap: nowrap;
      }
      input {
        flex: 1;
      }
      .copied {
        margin: 4px 0 0;
        min-height: 1.2em;
        font-size: 12px;
        color: var(--pl-muted);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-secret': AdminSecret;
  }
}
