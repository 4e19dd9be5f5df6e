import { localized, msg } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type AdminApi, AdminApiError, type BackendProfile, type LegalEntity } from '../api.ts';
import { failure, formatDate, OPEN_PROFILE } from './events.ts';
import { base } from './styles.ts';

const noServices = () =>
  msg(
    'This subscription has no back-end services: enable the Reporting or Messagebox service above before creating a back-end profile.',
  );

/**
 * The legal entity's back-end profiles (the list never carries access keys) and the form
 * that creates one. A new profile opens on its details page, where its access key is.
 */
@customElement('admin-profiles')
@localized()
export class AdminProfiles extends LitElement {
  @property({ attribute: false }) api!: AdminApi;
  @property({ attribute: false }) entity!: LegalEntity;
  @state() private _profiles: BackendProfile[] | null = null;
  @state() private _error = '';
  @state() private _createError = '';
  @state() private _busy = false;
  @state() private _name = '';
  @state() private _system = '';

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entity') && changed.get('entity')?.id !== this.entity.id) {
      this._profiles = null;
      this._createError = '';
      void this.#load();
    }
    if (changed.has('entity') && this.entity.services.length > 0 && this._createError === noServices()) {
      this._createError = '';
    }
  }

  async #load(): Promise<void> {
    const id = this.entity.id;
    this._error = '';
    try {
      const profiles = await this.api.backendProfiles(id);
      if (id === this.entity.id) this._profiles = profiles;
    } catch (error) {
      this._error = failure(this, error);
    }
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const name = this._name.trim();
    const system = this._system.trim();
    if (this.entity.services.length === 0) {
      this._createError = noServices();
      return;
    }
    if (!name || !system) {
      this._createError = msg('Give the profile a name and the external system it stands for.');
      return;
    }
    this._busy = true;
    this._createError = '';
    try {
      const created = await this.api.createBackendProfile(this.entity.id, { name, external_system: system });
      this._name = '';
      this._system = '';
      this.dispatchEvent(
        new CustomEvent(OPEN_PROFILE, { detail: created.id, bubbles: true, composed: true }),
      );
    } catch (error) {
      this._createError =
        error instanceof AdminApiError && error.code === 'subscription_required'
          ? noServices()
          : failure(this, error);
    } finally {
      this._busy = false;
    }
  }

  #open(id: string): void {
    this.dispatchEvent(new CustomEvent(OPEN_PROFILE, { detail: id, bubbles: true, composed: true }));
  }

  #list() {
    if (this._error) return html`<p class="notice error" role="alert">${this._error}</p>`;
    if (!this._profiles) return html`<p class="empty" role="status">${msg('Loading…')}</p>`;
    if (this._profiles.length === 0) return html`<p class="empty">${msg('No back-end profiles yet.')}</p>`;
    return html`
      <table>
        <caption class="sr-only">${msg('Back-end profiles')}</caption>
        <thead>
          <tr><th scope="col">${msg('Name')}</th><th scope="col">${msg('External system')}</th><th scope="col">${msg('Status')}</th><th scope="col">${msg('Static token')}</th><th scope="col">${msg('Created')}</th></tr>
        </thead>
        <tbody>
          ${this._profiles.map(
            (p) => html`
              <tr>
                <td><button type="button" class="link" @click=${() => this.#open(p.id)}>${p.name}</button></td>
                <td>${p.external_system}</td>
                <td><span class="badge ${p.status === 'disabled' ? 'off' : 'on'}">${p.status === 'disabled' ? msg('Disabled') : msg('Active')}</span></td>
                <td><span class="badge ${p.static_token ? 'on' : ''}">${p.static_token ? msg('Active') : msg('None')}</span></td>
                <td>${formatDate(p.created_at)}</td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  override render() {
    const unsubscribed = this.entity.services.length === 0;
    return html`
      <section class="card" aria-labelledby="profiles-title">
        <h2 id="profiles-title">${msg('Back-end profiles')}</h2>
        <p class="hint">
          ${msg('Each profile identifies one external system. It gets an access key for standard token requests, and may have one static token.')}
        </p>
        ${this.#list()}
        <form class="create" @submit=${this.#create} novalidate aria-labelledby="create-title">
          <h3 id="create-title">${msg('New back-end profile')}</h3>
          <div class="row">
            <div class="field grow">
              <label for="name">${msg('Name')}</label>
              <input id="name" class="input" maxlength="200" autocomplete="off" .value=${this._name}
                @input=${(e: Event) => {
                  this._name = (e.target as HTMLInputElement).value;
                }} />
            </div>
            <div class="field grow">
              <label for="system">${msg('External system')}</label>
              <input id="system" class="input" maxlength="200" autocomplete="off" .value=${this._system}
                @input=${(e: Event) => {
                  this._system = (e.target as HTMLInputElement).value;
                }} />
            </div>
            <button class="btn primary" type="submit" ?disabled=${this._busy} aria-describedby="create-error">
              ${this._busy ? msg('Creating…') : msg('Create profile')}
            </button>
          </div>
          <p class="notice warn" ?hidden=${!unsubscribed || this._createError === noServices()}>${noServices()}</p>
          <p id="create-error" class="notice error" role="alert" ?hidden=${!this._createError}>${this._createError}</p>
        </form>
      </section>
    `;
  }

  static override styles = [
    base,
    css`
      .create {
        margin-top: 20px;
        padding-top: 16px;
        border-top: 1px solid var(--pl-border);
      }
      h3 {
        margin: 0 0 10px;
        font-size: 14px;
      }
      .grow {
        flex: 1 1 200px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-profiles': AdminProfiles;
  }
}
