import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { base } from './styles.ts';

/**
 * Asks for the operator token. The app checks it against the platform and sets `error`
 * when it is refused; the field keeps focus so the operator can paste again at once.
 */
@customElement('admin-sign-in')
@localized()
export class AdminSignIn extends LitElement {
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  @state() private _token = '';
  @query('input') private _input!: HTMLInputElement;

  override firstUpdated(): void {
    this._input.focus();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('error') && this.error) this._input.select();
  }

  #submit(event: Event): void {
    event.preventDefault();
    if (this.busy) return;
    this.dispatchEvent(new CustomEvent('sign-in', { detail: this._token }));
  }

  override render() {
    return html`
      <form class="card" @submit=${this.#submit} novalidate>
        <h1>${msg('Sign in')}</h1>
        <p class="hint">${msg(html`Paste the operator token (<code>PLANNER_ADMIN_TOKEN</code>). It is kept in this tab only, until you sign out or close it.`)}</p>
        <div class="field">
          <label for="token">${msg('Operator token')}</label>
          <input
            id="token"
            class="input mono"
            type="password"
            autocomplete="off"
            spellcheck="false"
            required
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby="error"
            .value=${this._token}
            @input=${(e: Event) => {
              this._token = (e.target as HTMLInputElement).value;
            }}
          />
        </div>
        <p id="error" class="notice error" role="alert" ?hidden=${!this.error}>${this.error}</p>
        <div class="actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy || !this._token.trim()}>
            ${this.busy ? msg('Signing in…') : msg('Sign in')}
          </button>
        </div>
      </form>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: block;
        max-width: 440px;
        margin: 10vh auto 0;
      }
      h1 {
        margin: 0 0 6px;
        font-size: 20px;
      }
      code {
        font-family: var(--pl-mono);
        font-size: 12px;
      }
      .actions {
        margin-top: 16px;
        display: flex;
        justify-content: flex-end;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-sign-in': AdminSignIn;
  }
}
