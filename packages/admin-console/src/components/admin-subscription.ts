import { localized, msg } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type AdminApi, BACKEND_SERVICES, type BackendService, type LegalEntity } from '../api.ts';
import { serviceLabel } from '../text/error-text.ts';
import { failure } from './events.ts';
import { base } from './styles.ts';

/**
 * The subscription's back-end services. Back-end profiles, tokens and requests all need at
 * least one; a change takes effect at once for every back-end token of the legal entity.
 */
@customElement('admin-subscription')
@localized()
export class AdminSubscription extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) entity!: LegalEntity;
  @state() private _chosen = new Set<BackendService>();
  @state() private _busy = false;
  @state() private _message: { kind: 'ok' | 'error'; text: string } | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entity')) {
      this._chosen = new Set(this.entity.services);
      if (changed.get('entity')?.id !== this.entity.id) this._message = null;
    }
  }

  get #dirty(): boolean {
    const saved = this.entity.services;
    return saved.length !== this._chosen.size || saved.some((s) => !this._chosen.has(s));
  }

  #toggle(service: BackendService, on: boolean): void {
    const next = new Set(this._chosen);
    if (on) next.add(service);
    else next.delete(service);
    this._chosen = next;
    this._message = null;
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    this._busy = true;
    try {
      const services = BACKEND_SERVICES.filter((s) => this._chosen.has(s));
      const updated = await this.api.setSubscription(this.entity.id, services);
      this._message = {
        kind: 'ok',
        text: msg('Subscription saved. It applies to every back-end token at once.'),
      };
      this.dispatchEvent(
        new CustomEvent('entity-changed', { detail: updated, bubbles: true, composed: true }),
      );
    } catch (error) {
      this._message = { kind: 'error', text: failure(this, error) };
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`
      <form class="card" @submit=${this.#save}>
        <h2>${msg('Subscription')}</h2>
        <p class="hint">${msg('The back-end services external systems of this legal entity may use.')}</p>
        <fieldset>
          <legend class="sr-only">${msg('Back-end services')}</legend>
          ${BACKEND_SERVICES.map(
            (service) => html`
              <label class="check">
                <input
                  type="checkbox"
                  .checked=${this._chosen.has(service)}
                  @change=${(e: Event) => this.#toggle(service, (e.target as HTMLInputElement).checked)}
                />
                ${serviceLabel(service)}
              </label>
            `,
          )}
        </fieldset>
        <div class="row">
          <button class="btn primary" type="submit" ?disabled=${this._busy || !this.#dirty}>
            ${this._busy ? msg('Saving…') : msg('Save subscription')}
          </button>
        </div>
        <p class="notice ${this._message?.kind ?? ''}" role=${this._message?.kind === 'error' ? 'alert' : 'status'} ?hidden=${!this._message}>
          ${this._message?.text}
        </p>
      </form>
    `;
  }

  static override styles = [
    base,
    css`
      fieldset {
        border: none;
        margin: 0 0 14px;
        padding: 0;
        display: flex;
        gap: 20px;
        flex-wrap: wrap;
      }
      .check {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        cursor: pointer;
      }
      .check input {
        width: 16px;
        height: 16px;
        accent-color: var(--pl-accent);
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-subscription': AdminSubscription;
  }
}
